"""Member pages and the public showcase under /<lang>/exchange/."""

from django.urls import path

from shanyraq.exchange.views import calls, members, showcase, tandems

app_name = "exchange"

urlpatterns = [
    path("", members.home, name="home"),
    path("join/", members.join, name="join"),
    path("join/sent/", members.join_sent, name="join_sent"),
    path("join/confirm/<str:token>/", members.join_confirm, name="join_confirm"),
    path("guardian/<str:token>/", members.guardian, name="guardian"),
    path("login/", members.MemberLogin.as_view(), name="login"),
    path("logout/", members.logout_view, name="logout"),
    path("profile/", members.profile, name="profile"),
    path("data/export/", members.data_export, name="data_export"),
    path("data/erase/", members.data_erase, name="data_erase"),
    path("suggestions/", tandems.suggestions, name="suggestions"),
    path("members/<int:pk>/request/", tandems.tandem_request, name="tandem_request"),
    path("tandems/<int:pk>/", tandems.tandem, name="tandem"),
    path("tandems/<int:pk>/decide/", tandems.tandem_decide, name="tandem_decide"),
    path("tandems/<int:pk>/end/", tandems.tandem_end, name="tandem_end"),
    path("tandems/<int:pk>/messages/", tandems.message_send, name="message_send"),
    path("tandems/<int:pk>/block/", tandems.block, name="block"),
    path("tandems/<int:pk>/meetings/", tandems.meeting_book, name="meeting_book"),
    path("messages/<int:pk>/report/", tandems.message_report, name="message_report"),
    path("calls/", calls.call_list, name="calls"),
    path("calls/<int:pk>/", calls.call_apply, name="call"),
    path("calls/<int:pk>/withdraw/", calls.call_withdraw, name="call_withdraw"),
    path("showcase/", showcase.post_list, name="showcase"),
    path("showcase/new/", showcase.post_new, name="post_new"),
    path("showcase/<int:pk>/", showcase.post_detail, name="post"),
    path("showcase/<int:pk>/report/", showcase.post_report, name="post_report"),
]

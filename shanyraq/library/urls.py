"""Public pages of the library module, under the language prefix (/<lang>/library/...)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from shanyraq.library.feeds import NewBooksFeed
from shanyraq.library.views import account, opac

app_name = "library"

urlpatterns = [
    path("", opac.opac, name="opac"),
    path("records/<int:pk>/", opac.record_detail, name="record"),
    path("new.atom", NewBooksFeed(), name="feed"),
    path("records/<int:pk>/hold/", account.hold_place, name="hold_place"),
    path("account/", account.account, name="account"),
    path("account/login/", account.PatronLogin.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(next_page="library:opac"), name="logout"),
    path("account/loans/<int:pk>/renew/", account.loan_renew, name="loan_renew"),
    path("account/holds/<int:pk>/cancel/", account.hold_cancel, name="hold_cancel"),
    path("account/history/", account.history_choice, name="history_choice"),
    path("account/export/", account.data_export, name="data_export"),
    path("account/erase/", account.data_erase, name="data_erase"),
]

# Paths without a language prefix (IIIF, ICS, exports for partner institutions).
raw_urlpatterns: list = []

"""Public pages of the programs module, under the language prefix (/<lang>/programs/...)."""

from django.urls import path

from shanyraq.programs import views
from shanyraq.programs.feeds import WhatsOnFeed

app_name = "programs"

urlpatterns = [
    path("", views.whats_on, name="whats_on"),
    path("calendar/", views.whats_on_calendar, name="calendar"),
    path("feed.atom", WhatsOnFeed(), name="feed"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("r/<str:token>/", views.registration_view, name="registration"),
    path("r/<str:token>/ticket/<str:code>.png", views.registration_ticket_png, name="ticket"),
    path("r/<str:token>/cancel/", views.registration_cancel_view, name="cancel"),
    path("r/<str:token>/verify/", views.registration_verify_view, name="verify"),
    path("r/<str:token>/accept/", views.registration_accept_view, name="accept"),
]

# Paths without a language prefix: calendar feeds (?lang=kk picks the language of the texts).
raw_urlpatterns = [
    path("ics/programs/<int:pk>.ics", views.program_ics, name="programs_ics"),
    path("ics/whats-on.ics", views.whats_on_ics, name="whats_on_ics"),
]

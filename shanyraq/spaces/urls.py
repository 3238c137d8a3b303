from django.urls import path

from shanyraq.spaces import calendar_views, views

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/calendar/", calendar_views.space_calendar, name="calendar"),
    path("<slug:slug>/request/", calendar_views.booking_request_view, name="request"),
]

# Paths without a language prefix (ICS feeds and other machine-readable resources).
raw_urlpatterns: list = [
    path("ics/spaces/<slug:slug>.ics", calendar_views.space_ics, name="space_ics"),
]

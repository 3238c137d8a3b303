"""Staff pages of the spaces module, under /<lang>/staff/spaces/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.spaces import calendar_views

app_name = "spaces_staff"

urlpatterns = [
    path("requests/", calendar_views.booking_requests, name="requests"),
    path("requests/<int:pk>/decide/", calendar_views.booking_decide_view, name="decide"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = [
    (_("Booking requests"), "spaces_staff:requests", "spaces.view_booking"),
]

"""Staff pages of the spaces module, under /<lang>/staff/spaces/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.spaces import calendar_views, staff_views

app_name = "spaces_staff"

urlpatterns = [
    path("requests/", calendar_views.booking_requests, name="requests"),
    path("requests/<int:pk>/decide/", calendar_views.booking_decide_view, name="decide"),
    path("closed-days/", staff_views.closed_days, name="closed_days"),
    path("closed-days/<int:pk>/remove/", staff_views.closed_day_delete, name="closed_day_delete"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = [
    (_("Booking requests"), "spaces_staff:requests", "spaces.view_booking"),
    (_("Closed days"), "spaces_staff:closed_days", "spaces.view_closedday"),
]

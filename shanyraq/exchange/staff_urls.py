from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.exchange.views import call_staff, calls, staff

app_name = "exchange_staff"

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = [
    (_("Exchange calls"), "exchange_staff:calls", "exchange.view_call"),
    (_("Reviews"), "exchange_staff:reviews", "exchange.review_application"),
    (_("Showcase moderation"), "exchange_staff:moderation", "exchange.moderate_post"),
    (_("Safeguarding"), "exchange_staff:safeguarding", "exchange.view_minor_messages"),
]

urlpatterns = [
    path("moderation/", staff.moderation, name="moderation"),
    path("posts/<int:pk>/moderate/", staff.moderate, name="moderate"),
    path("safeguarding/", staff.safeguarding, name="safeguarding"),
    path("safeguarding/tandems/<int:pk>/", staff.safeguarding_tandem, name="safeguarding_tandem"),
    path("messages/<int:pk>/hide/", staff.message_hide_view, name="message_hide"),
    path("calls/", call_staff.calls, name="calls"),
    path("calls/new/", call_staff.call_new, name="call_new"),
    path("calls/<int:pk>/edit/", call_staff.call_edit, name="call_edit"),
    path("calls/<int:pk>/publish/", call_staff.call_publish, name="call_publish"),
    path("calls/<int:pk>/report/", call_staff.call_report, name="call_report"),
    path("calls/<int:pk>/report.<str:fmt>", call_staff.call_report_export, name="call_report_export"),
    path("calls/<int:pk>/applications/", calls.applications, name="applications"),
    path("calls/<int:pk>/export.<str:fmt>", calls.export, name="export"),
    path("applications/<int:pk>/decide/", calls.decide, name="decide"),
    path("reviews/", calls.reviews, name="reviews"),
    path("reviews/<int:pk>/", calls.review, name="review"),
]

"""Staff pages of the ops module, under /<lang>/staff/ops/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.ops import views

app_name = "ops_staff"

urlpatterns = [
    path("jobs/", views.jobs_view, name="jobs"),
    path("audit/", views.audit_view, name="audit"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = [
    (_("Scheduled jobs"), "ops_staff:jobs", "ops.view_jobrun"),
    (_("Audit trail"), "ops_staff:audit", "core.view_auditevent"),
]

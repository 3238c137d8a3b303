"""Staff pages of the library module, under /<lang>/staff/library/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.library.views import desk, staff

app_name = "library_staff"

urlpatterns = [
    path("desk/", desk.desk, name="desk"),
    path("desk/end/", desk.desk_end, name="desk_end"),
    path("desk/checkin/", desk.checkin, name="checkin"),
    path("desk/mark/", desk.copy_mark, name="copy_mark"),
    path("patrons/new/", staff.patron_new, name="patron_new"),
    path("import/", staff.import_marc, name="import"),
    path("records/new/", staff.record_new, name="record_new"),
    path("records/<int:pk>/edit/", staff.record_edit, name="record_edit"),
    path("reports/", staff.report_index, name="reports"),
    path("reports/<slug:name>.<slug:fmt>", staff.report_export, name="report_export"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS = [
    (_("Circulation desk"), "library_staff:desk", "library.circulate"),
    (pgettext_lazy("circulation", "Check in"), "library_staff:checkin", "library.circulate"),
    (_("Import MARC"), "library_staff:import", "library.import_marc"),
    (_("New record"), "library_staff:record_new", "library.add_record"),
    (_("Library reports"), "library_staff:reports", "library.view_reports"),
]

"""Staff pages of the programs module, under /<lang>/staff/programs/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.programs import staff_registrations, staff_views

app_name = "programs_staff"

urlpatterns = [
    path("checkin/", staff_views.checkin, name="checkin"),
    path("classes/", staff_views.my_classes, name="classes"),
    path("sessions/<int:pk>/attendance/", staff_views.attendance, name="attendance"),
    path("reports/", staff_views.report, name="reports"),
    path("new/", staff_views.program_new, name="new"),
    path("", staff_views.program_list, name="list"),
    path("<int:pk>/sessions/", staff_views.program_sessions, name="sessions"),
    path("<int:pk>/edit/", staff_views.program_edit, name="edit"),
    path("registrations/", staff_registrations.registrations_index, name="registrations"),
    path(
        "sessions/<int:pk>/registrations/",
        staff_registrations.session_registrations,
        name="session_registrations",
    ),
    path("sessions/<int:pk>/message/", staff_registrations.session_message, name="session_message"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = [
    (_("Check-in at the door"), "programs_staff:checkin", "programs.check_in"),
    (_("My classes: attendance"), "programs_staff:classes", "programs.mark_attendance"),
    (_("Registrations and waiting lists"), "programs_staff:registrations", "programs.view_registration"),
    (_("Program reports"), "programs_staff:reports", "programs.view_reports"),
    (_("Programs and sessions"), "programs_staff:list", "programs.view_program"),
    (_("New program"), "programs_staff:new", "programs.add_program"),
]

"""What each role may do with programs (merged into the groups by `manage.py sync_roles`)."""

PERMISSIONS = {
    "director": [
        "programs.view_program",
        "programs.view_session",
        "programs.view_registration",
        "programs.view_reports",
    ],
    "curator": ["programs.view_program"],
    "librarian": ["programs.view_program"],
    "program_coordinator": [
        "programs.add_program",
        "programs.change_program",
        "programs.view_program",
        "programs.add_session",
        "programs.change_session",
        "programs.view_session",
        "programs.add_registration",
        "programs.change_registration",
        "programs.view_registration",
        "programs.view_reports",
        "programs.check_in",
        "programs.mark_attendance",
    ],
    "front_desk": [
        "programs.view_program",
        "programs.view_session",
        "programs.view_registration",
        "programs.check_in",
    ],
    "teacher": ["programs.view_program", "programs.mark_attendance"],
}

# The booker's e-mail copied onto each registration is a patron's contact (see core.permissions).
SENSITIVE_FIELDS = {"programs.registration": {"booker_email": "people.view_contact"}}

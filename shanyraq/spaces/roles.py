PERMISSIONS = {
    "director": ["spaces.view_space", "spaces.view_booking", "spaces.view_closedday"],
    "curator": ["spaces.view_space"],
    "librarian": ["spaces.view_space"],
    "program_coordinator": [
        "spaces.view_space",
        "spaces.add_space",
        "spaces.change_space",
        "spaces.view_booking",
        "spaces.add_booking",
        "spaces.change_booking",
        "spaces.approve_booking",
        "spaces.view_closedday",
        "spaces.add_closedday",
        "spaces.change_closedday",
        "spaces.delete_closedday",
    ],
    "front_desk": ["spaces.view_space", "spaces.view_booking"],
    "teacher": ["spaces.view_space"],
}

# A requester's e-mail is a patron's contact (see core.permissions); staff pages show it only with it.
SENSITIVE_FIELDS = {"spaces.booking": {"requester_email": "people.view_contact"}}

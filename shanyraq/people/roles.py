"""Who may see and change people. Contacts and children's data are sensitive fields: a role
without the permission never sees them (see `core.permissions`); only a director changes which
login a person has (`people.services.person_login_link`)."""

PERMISSIONS = {
    "director": [
        "people.view_person",
        "people.view_consent",
        "people.view_contact",
        "people.link_login",
        "core.view_auditevent",
    ],
    "librarian": [
        "people.view_person",
        "people.add_person",
        "people.change_person",
        "people.view_consent",
        "people.view_contact",
    ],
    "program_coordinator": [
        "people.view_person",
        "people.add_person",
        "people.change_person",
        "people.view_consent",
        "people.view_contact",
        "people.view_child_data",
    ],
    "front_desk": ["people.view_person", "people.add_person", "people.view_consent"],
}

CONTACT = "people.view_contact"
CHILD_DATA = "people.view_child_data"

SENSITIVE_FIELDS = {
    "people.person": {
        "email": CONTACT,
        "phone": CONTACT,
        "birth_date": CHILD_DATA,
        "guardian": CHILD_DATA,
        "children": CHILD_DATA,
    },
    # The guardian who gave a child's consent.
    "people.consent": {"given_by": CHILD_DATA},
}

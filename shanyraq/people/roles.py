PERMISSIONS = {
    "director": ["people.view_person", "people.view_consent", "core.view_auditevent"],
    "librarian": ["people.view_person", "people.add_person", "people.change_person", "people.view_consent"],
    "program_coordinator": [
        "people.view_person",
        "people.add_person",
        "people.change_person",
        "people.view_consent",
    ],
    "front_desk": ["people.view_person", "people.add_person", "people.view_consent"],
}

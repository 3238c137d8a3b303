"""Who may do what in the library. The permission matrix test checks every role against this."""

PERMISSIONS = {
    "librarian": [
        "library.circulate",
        "library.import_marc",
        "library.view_reports",
        "library.add_record",
        "library.change_record",
        "library.view_record",
        "library.add_copy",
        "library.change_copy",
        "library.view_copy",
        "library.add_patron",
        "library.change_patron",
        "library.view_patron",
        "library.view_loan",
        "library.view_hold",
    ],
    "front_desk": ["library.circulate", "library.add_patron", "library.view_patron", "library.view_loan"],
    "director": ["library.view_reports"],
}

"""Who may do what in the collection: curators run it, front desk and director read."""

VIEW = [
    "collection.view_artifact",
    "collection.view_term",
    "collection.view_exhibition",
    "collection.view_loanin",
    "collection.view_loanout",
    "collection.view_movement",
    "collection.view_conditioncheck",
    "collection.view_conditioncheckimage",
    "collection.view_artifactimage",
    "collection.view_insurance_value",
]

PERMISSIONS = {
    "curator": [
        *VIEW,
        "collection.add_artifact",
        "collection.change_artifact",
        "collection.move_artifact",
        "collection.import_artifacts",
        "collection.deaccession_artifact",
        "collection.add_term",
        "collection.change_term",
        "collection.add_exhibition",
        "collection.change_exhibition",
        "collection.add_exhibitionartifact",
        "collection.change_exhibitionartifact",
        "collection.delete_exhibitionartifact",
        "collection.add_loanin",
        "collection.change_loanin",
        "collection.add_loanout",
        "collection.change_loanout",
        "collection.add_conditioncheck",
        "collection.add_artifactimage",
        "collection.change_artifactimage",
        "collection.delete_artifactimage",
        "collection.add_inventorysweep",
        "collection.view_inventorysweep",
    ],
    "director": VIEW,
    # The front desk answers visitors and lenders: it reads loans out, condition and images, no forms.
    "front_desk": [
        "collection.view_artifact",
        "collection.view_exhibition",
        "collection.view_loanout",
        "collection.view_conditioncheck",
        "collection.view_artifactimage",
    ],
}

# Insurance values of loans are confidential (see core.permissions).
SENSITIVE_FIELDS = {
    "collection.loanin": {"insurance_value": "collection.view_insurance_value"},
    "collection.loanout": {"insurance_value": "collection.view_insurance_value"},
}

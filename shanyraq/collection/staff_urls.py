"""Staff pages of the collection module, under /<lang>/staff/collection/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.views import staff, staff_artifacts, staff_loans

app_name = "collection_staff"

urlpatterns = [
    path("move/", staff.move, name="move"),
    path("import/", staff.import_view, name="import"),
    path("loans/due/", staff.loans_due, name="loans_due"),
    path("loans/in/new/", staff.loan_in_new, name="loan_in_new"),
    path("loans/out/", staff_loans.loans_out, name="loans_out"),
    path("loans/out/new/", staff_loans.loan_out_new, name="loan_out_new"),
    path("loans/out/<int:pk>/", staff_loans.loan_out, name="loan_out"),
    path("artifacts/", staff_artifacts.artifact_find, name="artifact_find"),
    path("artifacts/new/", staff.artifact_new, name="artifact_new"),
    path("artifacts/<str:accession>/", staff.artifact, name="artifact"),
    path(
        "artifacts/<str:accession>/condition/",
        staff_artifacts.artifact_conditions,
        name="artifact_conditions",
    ),
    path("artifacts/<str:accession>/images/", staff_artifacts.artifact_images, name="artifact_images"),
    path(
        "artifacts/<str:accession>/images/<int:pk>/texts/",
        staff_artifacts.artifact_image_texts,
        name="artifact_image_texts",
    ),
    path(
        "artifacts/<str:accession>/images/<int:pk>/primary/",
        staff_artifacts.artifact_image_primary,
        name="artifact_image_primary",
    ),
    path(
        "artifacts/<str:accession>/images/<int:pk>/remove/",
        staff_artifacts.artifact_image_remove,
        name="artifact_image_remove",
    ),
    path("artifacts/<str:accession>/edit/", staff.artifact_edit, name="artifact_edit"),
    path("inventory/", staff.inventory, name="inventory"),
    path("labels/", staff.labels_index, name="labels_index"),
    path("labels/<slug:slug>/", staff.labels, name="labels"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS = [
    (
        _("Find an artifact (condition checks, images)"),
        "collection_staff:artifact_find",
        "collection.view_artifact",
    ),
    (_("Move an artifact"), "collection_staff:move", "collection.move_artifact"),
    (_("Import artifacts"), "collection_staff:import", "collection.import_artifacts"),
    (_("Loans in due back"), "collection_staff:loans_due", "collection.view_loanin"),
    (_("Record a loan in"), "collection_staff:loan_in_new", "collection.add_loanin"),
    (_("Loans out"), "collection_staff:loans_out", "collection.view_loanout"),
    (_("Lend artifacts (loan out)"), "collection_staff:loan_out_new", "collection.add_loanout"),
    (_("QR labels for the halls"), "collection_staff:labels_index", "collection.view_artifact"),
    (_("Inventory of a space"), "collection_staff:inventory", "collection.add_inventorysweep"),
]

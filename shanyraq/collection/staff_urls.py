"""Staff pages of the collection module, under /<lang>/staff/collection/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.views import staff

app_name = "collection_staff"

urlpatterns = [
    path("move/", staff.move, name="move"),
    path("import/", staff.import_view, name="import"),
    path("loans/due/", staff.loans_due, name="loans_due"),
    path("loans/in/new/", staff.loan_in_new, name="loan_in_new"),
    path("artifacts/<str:accession>/", staff.artifact, name="artifact"),
    path("artifacts/<str:accession>/edit/", staff.artifact_edit, name="artifact_edit"),
    path("inventory/", staff.inventory, name="inventory"),
    path("labels/", staff.labels_index, name="labels_index"),
    path("labels/<slug:slug>/", staff.labels, name="labels"),
]

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS = [
    (_("Move an artifact"), "collection_staff:move", "collection.move_artifact"),
    (_("Import artifacts"), "collection_staff:import", "collection.import_artifacts"),
    (_("Loans in due back"), "collection_staff:loans_due", "collection.view_loanin"),
    (_("Record a loan in"), "collection_staff:loan_in_new", "collection.add_loanin"),
    (_("QR labels for the halls"), "collection_staff:labels_index", "collection.view_artifact"),
    (_("Inventory of a space"), "collection_staff:inventory", "collection.add_inventorysweep"),
]

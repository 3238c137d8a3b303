"""Precomputed facet counts for the public collection page.

Counting five facets over 100k artifacts with GROUP BY costs ~200 ms; the page must answer in
100 ms right after a curator's write. So every published artifact is summarized by its *facet
cell*: (category, period, on view, hall, material set). Artifacts that share a cell are counted
once in FacetCell.count; any facet count for any combination of category/period/material/hall/
on-view filters is then a sum over a few thousand cells (see selectors.facets). The material
*set* (not one row per material) keeps "gold OR silver" exact: an artifact made of both is one
cell, counted once.

FacetMembership remembers each artifact's cell so a write moves one count from the old cell to
the new one (services.facets.facets_refresh) instead of recounting the collection.
"""

from __future__ import annotations

from django.db import models


class FacetCell(models.Model):
    # 0 means "none": NULLs would never collide in the unique key.
    category_id = models.IntegerField(default=0)
    period_id = models.IntegerField(default=0)
    on_view = models.BooleanField(default=False)
    space_id = models.IntegerField(default=0, help_text="The hall when on view, else 0.")
    materials = models.CharField(
        max_length=500, blank=True, editable=False, help_text="Sorted term ids, comma-separated."
    )
    key = models.CharField(max_length=600, unique=True, editable=False)
    count = models.IntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class FacetMembership(models.Model):
    """Which cell an artifact is counted in. A plain id (not a foreign key) so that the row's own
    fate never silently changes a count: only the facet service moves counts."""

    artifact_id = models.IntegerField(primary_key=True)
    cell = models.ForeignKey(FacetCell, on_delete=models.PROTECT, related_name="+")

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.artifact_id} -> {self.cell_id}"


class FacetState(models.Model):
    """One row. `version` changes (to a random number) with every change of the cells: readers cache the parsed cells per
    version (exact across processes), and writers lock this row so counts never race."""

    version = models.BigIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"facets v{self.version}"

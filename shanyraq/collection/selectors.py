"""Reads. Visitor selectors never return unpublished artifacts or staff-only data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from shanyraq.collection.conf import LOANS_DUE_DAYS
from shanyraq.collection.models import Artifact, Exhibition, InventorySighting, InventorySweep, LoanIn, Term
from shanyraq.search.selectors import search_ids
from shanyraq.spaces.models import Space

PUBLIC_STATUSES = [Artifact.Status.ON_VIEW, Artifact.Status.IN_STORAGE, Artifact.Status.ON_LOAN_OUT]
ON_VIEW = Q(
    status=Artifact.Status.ON_VIEW,
    current_movement__space__kind=Space.Kind.HALL,
    current_movement__space__is_public=True,
)


def artifacts_public() -> QuerySet[Artifact]:
    return Artifact.objects.filter(published=True, status__in=PUBLIC_STATUSES)


def artifact_public_get(accession: str) -> Artifact:
    return (
        artifacts_public()
        .select_related("category", "period", "object_type", "current_movement__space")
        .prefetch_related("materials", "techniques", "images")
        .get(accession_number=accession)
    )


def public_hall(artifact: Artifact) -> Space | None:
    """The hall a visitor can find the artifact in, or None (storage is never disclosed)."""
    movement = artifact.current_movement
    if artifact.status != Artifact.Status.ON_VIEW or movement is None:
        return None
    space = movement.space
    return space if space.kind == Space.Kind.HALL and space.is_public else None


@dataclass
class Browse:
    artifacts: QuerySet[Artifact]
    facets: dict[str, list[tuple[Term | Space, int, bool]]]
    on_view_count: int


SORTS = {
    "date": ["earliest_year", "accession_number"],
    "-date": ["-latest_year", "accession_number"],
    "accession": ["accession_number"],
}


def artifacts_browse(
    *,
    q: str = "",
    category: list[str] = (),
    period: list[str] = (),
    material: list[str] = (),
    hall: list[str] = (),
    on_view: bool = False,
    sort: str = "accession",
) -> Browse:
    """Faceted browsing: the counts of each facet take the other facets' filters into account."""
    base = artifacts_public()
    if q:
        ids = search_ids(q, kind="artifact", public_only=True)
        base = base.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    filters = {
        "category": Q(category__slug__in=category) if category else Q(),
        "period": Q(period__slug__in=period) if period else Q(),
        "material": Q(materials__slug__in=material) if material else Q(),
        "hall": (Q(current_movement__space__slug__in=hall) & ON_VIEW) if hall else Q(),
        "on_view": ON_VIEW if on_view else Q(),
    }

    def filtered(skip: str | None = None) -> QuerySet[Artifact]:
        qs = base
        for name, cond in filters.items():
            if name != skip and cond:
                if name == "material":
                    # A subquery keeps one row per artifact when several materials are chosen.
                    qs = qs.filter(
                        pk__in=Artifact.materials.through.objects.filter(term__slug__in=material).values(
                            "artifact_id"
                        )
                    )
                else:
                    qs = qs.filter(cond)
        return qs

    facets: dict[str, list] = {}
    selected = {"category": category, "period": period, "material": material}
    for name in ("category", "period"):
        counts = dict(
            filtered(name).values_list(f"{name}_id").annotate(n=Count("pk")).values_list(f"{name}_id", "n")
        )
        terms = Term.objects.filter(pk__in=[k for k in counts if k]).order_by(
            "order", "earliest_year", "slug"
        )
        facets[name] = [(t, counts[t.pk], t.slug in selected[name]) for t in terms]
    through = Artifact.materials.through.objects.filter(artifact_id__in=filtered("material").values("pk"))
    mat_counts = dict(through.values_list("term_id").annotate(n=Count("pk")).values_list("term_id", "n"))
    facets["material"] = [
        (t, mat_counts[t.pk], t.slug in material)
        for t in Term.objects.filter(pk__in=mat_counts).order_by("order", "slug")
    ]
    hall_counts = dict(
        filtered("hall")
        .filter(ON_VIEW)
        .values_list("current_movement__space_id")
        .annotate(n=Count("pk"))
        .values_list("current_movement__space_id", "n")
    )
    facets["hall"] = [
        (s, hall_counts[s.pk], s.slug in hall) for s in Space.objects.filter(pk__in=hall_counts)
    ]
    qs = filtered()
    on_view_count = filtered("on_view").filter(ON_VIEW).count()
    qs = qs.select_related("period", "category").order_by(*SORTS.get(sort, SORTS["accession"]))
    return Browse(artifacts=qs, facets=facets, on_view_count=on_view_count)


def primary_images(artifact_ids: list[int]) -> dict[int, object]:
    from shanyraq.collection.models import ArtifactImage

    return {
        img.artifact_id: img
        for img in ArtifactImage.objects.filter(artifact_id__in=artifact_ids, is_primary=True)
    }


def exhibitions_public() -> QuerySet[Exhibition]:
    return Exhibition.objects.filter(published=True).prefetch_related("halls")


def exhibitions_open(day: datetime.date | None = None) -> QuerySet[Exhibition]:
    day = day or timezone.localdate()
    return (
        exhibitions_public()
        .filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
    )


def exhibition_items_public(exhibition: Exhibition):
    return (
        exhibition.items.filter(artifact__in=artifacts_public())
        .select_related("artifact", "artifact__period", "artifact__current_movement__space")
        .order_by("order", "pk")
    )


def artifact_exhibitions_open(artifact: Artifact, day: datetime.date | None = None) -> list[Exhibition]:
    return list(exhibitions_open(day).filter(items__artifact=artifact))


def loans_in_due(*, days: int = LOANS_DUE_DAYS, today: datetime.date | None = None) -> QuerySet[LoanIn]:
    """Active loans in that must go back within `days` (overdue ones included) for the curator dashboard."""
    today = today or timezone.localdate()
    return (
        LoanIn.objects.filter(
            status=LoanIn.Status.ACTIVE, end_date__lte=today + datetime.timedelta(days=days)
        )
        .prefetch_related("artifacts")
        .order_by("end_date")
    )


def inventory_missing(sweep: InventorySweep) -> QuerySet[Artifact]:
    """Artifacts whose latest movement put them in the swept space but that were not seen."""
    seen = InventorySighting.objects.filter(sweep=sweep, artifact=OuterRef("pk"))
    return (
        Artifact.objects.filter(current_movement__space=sweep.space)
        .exclude(
            status__in=[
                Artifact.Status.DEACCESSIONED,
                Artifact.Status.ON_LOAN_OUT,
                Artifact.Status.RETURNED_TO_LENDER,
            ]
        )
        .filter(~Exists(seen))
        .order_by("accession_number")
    )


def artifacts_in_hall(space: Space) -> QuerySet[Artifact]:
    """For QR label sheets: what is in a hall now, by its latest movement."""
    return (
        Artifact.objects.filter(current_movement__space=space)
        .exclude(status__in=[Artifact.Status.DEACCESSIONED, Artifact.Status.RETURNED_TO_LENDER])
        .order_by("current_movement__location_detail", "accession_number")
    )

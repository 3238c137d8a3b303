"""Reads. Visitor selectors never return unpublished artifacts or staff-only data."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from shanyraq.collection.conf import LOANS_DUE_DAYS
from shanyraq.collection.facet_cells import Selection, cells_current, counts_from_cells
from shanyraq.collection.models import Artifact, Exhibition, InventorySighting, InventorySweep, LoanIn, Term
from shanyraq.search.selectors import search_ids
from shanyraq.spaces.models import Space

PUBLIC_STATUSES = [Artifact.Status.ON_VIEW, Artifact.Status.IN_STORAGE, Artifact.Status.ON_LOAN_OUT]
# Services set ON_VIEW exactly when the latest movement is into a public hall.
ON_VIEW = Q(status=Artifact.Status.ON_VIEW)


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
    total: int


# Ties broken by pk so SQLite walks the (published, year) index instead of sorting 100k rows.
SORTS = {
    "date": ["earliest_year", "pk"],
    "-date": ["-latest_year", "-pk"],
    "accession": ["accession_number"],
}
FACET_CACHE_SECONDS = 600


def collection_version() -> int:
    """Bumped by every service write (services.indexing), so cached facet counts never outlive a change.

    With a shared cache (CACHE_TABLE or another shared backend) the bump reaches every process at
    once; with the per-process default cache, other processes see changes within FACET_CACHE_SECONDS.
    """
    return cache.get_or_set("collection:version", 1, None)


def collection_version_bump() -> None:
    try:
        cache.incr("collection:version")
    except ValueError:
        cache.set("collection:version", 2, None)


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
    """Faceted browsing: the counts of each facet take the other facets' filters into account.

    Filters on `published` alone: the services never leave a published artifact in a status that
    is not public (see services.artifacts.NEVER_PUBLIC), and the single index column keeps the
    facet counts fast at 100k artifacts.
    """
    # `IN (True)` rather than `= True`: Django renders the latter as a bare column, which SQLite
    # cannot match to the (published, ...) indexes.
    base = Artifact.objects.filter(published__in=[True])
    if q:
        ids = search_ids(q, kind="artifact", public_only=True)
        base = base.filter(pk__in=[int(i) for i in ids if i.isdigit()])

    def term_ids(vocabulary: str, slugs) -> list[int]:
        return list(Term.objects.filter(vocabulary=vocabulary, slug__in=slugs).values_list("pk", flat=True))

    # Term ids, not slug joins, so SQLite uses the (published, category) and (published, period) indexes.
    # A chosen value that names nothing becomes the impossible id -1: it matches nothing, as in SQL.
    chosen = {
        "category": term_ids(Term.Vocabulary.CATEGORY, category) if category else [],
        "period": term_ids(Term.Vocabulary.PERIOD, period) if period else [],
        "material": term_ids(Term.Vocabulary.MATERIAL, material) if material else [],
        "hall": list(Space.objects.filter(slug__in=hall).values_list("pk", flat=True)) if hall else [],
    }
    for name, slugs in (("category", category), ("period", period), ("material", material), ("hall", hall)):
        if slugs and not chosen[name]:
            chosen[name] = [-1]
    filters = {
        "category": Q(category_id__in=chosen["category"]) if category else Q(),
        "period": Q(period_id__in=chosen["period"]) if period else Q(),
        "material": Q(pk__in=[]) if material else Q(),  # replaced by a subquery below
        "hall": (Q(current_space_id__in=chosen["hall"]) & ON_VIEW) if hall else Q(),
        "on_view": ON_VIEW if on_view else Q(),
    }
    through = Artifact.materials.through
    walk_in_order = False

    def filtered(skip: str | None = None) -> QuerySet[Artifact]:
        qs = base
        for name, cond in filters.items():
            if name != skip and cond:
                if name == "material" and walk_in_order:
                    qs = qs.filter(
                        Exists(
                            through.objects.filter(artifact_id=OuterRef("pk"), term_id__in=chosen["material"])
                        )
                    )
                elif name == "material":
                    # A subquery on term ids keeps one row per artifact when several materials are chosen.
                    qs = qs.filter(
                        pk__in=through.objects.filter(term_id__in=chosen["material"]).values("artifact_id")
                    )
                else:
                    qs = qs.filter(cond)
        return qs

    if q:
        cached = _facet_counts_cached(filtered, q, category, period, material, hall, on_view)
    else:
        cells = cells_current()
        selection = Selection(**{name: frozenset(ids) for name, ids in chosen.items()}, on_view=on_view)
        cached = counts_from_cells(cells, selection)
        # For the page itself: when the chosen materials are common, walking the sort index and
        # probing each artifact's materials finds a page in a few hundred steps; when they are rare,
        # fetching their few artifacts and sorting them is cheaper. The cells tell which case it is.
        walk_in_order = bool(material) and cached["total"] * 50 >= sum(c[-1] for c in cells)
    facets = _facet_objects(cached, category=category, period=period, material=material, hall=hall)
    on_view_count, total = cached["on_view"], cached["total"]
    qs = filtered()
    qs = qs.select_related("period", "category").order_by(*SORTS.get(sort, SORTS["accession"]))
    return Browse(artifacts=qs, facets=facets, on_view_count=on_view_count, total=total)


def _facet_counts_cached(filtered, q, category, period, material, hall, on_view) -> dict:
    """With a search query the counts run in SQL over the matching artifacts (no cells can hold a
    query's result), cached per collection version."""
    key = (
        "collection:facets:"
        + hashlib.sha256(
            repr(
                (
                    collection_version(),
                    q,
                    sorted(category),
                    sorted(period),
                    sorted(material),
                    sorted(hall),
                    on_view,
                )
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = _facet_counts(filtered)
        cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


def _grouped(qs, column: str) -> dict:
    return dict(qs.order_by().values_list(column).annotate(n=Count("pk")).values_list(column, "n"))


def _facet_counts(filtered) -> dict:
    """Counts per facet value, each with the other facets' filters applied (cacheable plain data).

    .order_by() clears Meta.ordering, which would otherwise be added to each GROUP BY.
    """
    counts: dict = {}
    for name in ("category", "period"):
        rows = filtered(name).order_by().values_list(f"{name}_id").annotate(n=Count("pk"))
        counts[name] = {k: n for k, n in rows.values_list(f"{name}_id", "n") if k}
    through = Artifact.materials.through.objects
    visible = through.filter(artifact_id__in=filtered("material").order_by().values("pk"))
    counts["material"] = _grouped(visible, "term_id")
    rows = filtered("hall").filter(ON_VIEW).order_by().values_list("current_space_id").annotate(n=Count("pk"))
    counts["hall"] = {k: n for k, n in rows.values_list("current_space_id", "n") if k}
    counts["on_view"] = filtered("on_view").filter(ON_VIEW).count()
    counts["total"] = filtered().count()
    return counts


def _facet_objects(counts: dict, *, category, period, material, hall) -> dict[str, list]:
    selected = {"category": category, "period": period, "material": material}
    wanted = [*counts["category"], *counts["period"], *counts["material"]]
    terms = {t.pk: t for t in Term.objects.filter(pk__in=wanted)}
    facets: dict[str, list] = {}
    for name in ("category", "period", "material"):
        found = [terms[pk] for pk in counts[name] if pk in terms]
        found.sort(key=lambda t: (t.order, t.earliest_year or 0, t.slug))
        facets[name] = [(t, counts[name][t.pk], t.slug in selected[name]) for t in found]
    halls = Space.objects.filter(pk__in=list(counts["hall"]), is_public=True, kind=Space.Kind.HALL)
    facets["hall"] = [(s, counts["hall"][s.pk], s.slug in hall) for s in halls]
    return facets


def primary_images(artifact_ids: list[int]) -> dict[int, object]:
    from shanyraq.collection.models import ArtifactImage

    return {
        img.artifact_id: img
        for img in ArtifactImage.objects.filter(artifact_id__in=artifact_ids, is_primary=True)
    }


def exhibition_covers(exhibitions) -> dict[int, object]:
    """The picture that stands for each exhibition (cards, page, link previews): the primary image
    of its first exhibited public artifact that has one. Three queries, whatever the number."""
    from shanyraq.collection.models import ExhibitionArtifact

    rows = (
        ExhibitionArtifact.objects.filter(
            exhibition_id__in=[e.pk for e in exhibitions],
            artifact__in=artifacts_public(),
            artifact__images__is_primary=True,
        )
        .order_by("exhibition_id", "order", "pk")
        .values_list("exhibition_id", "artifact_id")
    )
    first: dict[int, int] = {}
    for exhibition_id, artifact_id in rows:
        first.setdefault(exhibition_id, artifact_id)
    images = primary_images(list(first.values()))
    return {e: images[a] for e, a in first.items() if a in images}


def with_covers(exhibitions) -> list[Exhibition]:
    """Exhibitions with `.cover` set (an image or None)."""
    exhibitions = list(exhibitions)
    covers = exhibition_covers(exhibitions)
    for exhibition in exhibitions:
        exhibition.cover = covers.get(exhibition.pk)
    return exhibitions


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
        Artifact.objects.filter(current_space=sweep.space)
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
        Artifact.objects.filter(current_space=space)
        .exclude(status__in=[Artifact.Status.DEACCESSIONED, Artifact.Status.RETURNED_TO_LENDER])
        .select_related("current_movement")
        .order_by("current_movement__location_detail", "accession_number")
    )

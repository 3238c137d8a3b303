"""Reads for the OPAC, the patron's account and the desk, with visitor scoping applied here."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from shanyraq.library.models import Copy, Hold, Loan, Patron, Record, Subject
from shanyraq.search.selectors import search_ids

FACET_SIZE = 12
PAGE_SIZE = 20
FACETS_CACHE_KEY = "library:opac:facets"
FACETS_CACHE_SECONDS = 300


def records_public() -> QuerySet[Record]:
    return Record.objects.filter(is_public=True)


def available_now() -> Exists:
    return Exists(Copy.objects.filter(record=OuterRef("pk"), status=Copy.Status.AVAILABLE))


@dataclass
class OpacResult:
    records: list[Record]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    pages: int


def opac_search(
    *,
    q: str = "",
    language: str = "",
    year: str = "",
    subject: str = "",
    format: str = "",
    available: bool = False,
    page: int = 1,
) -> OpacResult:
    """Cross-script search through the index, then facets and filters with the ORM."""
    qs = records_public()
    ranked: list[int] | None = None
    if q.strip():
        ranked = [int(i) for i in search_ids(q, kind="record", limit=5000)]
        qs = qs.filter(pk__in=ranked)
    if language:
        qs = qs.filter(language=language)
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if subject:
        qs = qs.filter(subjects__heading=subject)
    if format:
        qs = qs.filter(format=format)
    if available:
        qs = qs.filter(available_now())
    qs = qs.distinct()
    unfiltered = ranked is None and not (language or year or subject or format or available)
    facets = cache.get(FACETS_CACHE_KEY) if unfiltered else None
    if facets is None:
        facets = _facets(qs)
        if unfiltered:
            # The landing page counts the whole catalogue; at a million records that is worth caching.
            cache.set(FACETS_CACHE_KEY, facets, FACETS_CACHE_SECONDS)
    total = facets["_total"]
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    if ranked is not None:
        ids = list(qs.values_list("pk", flat=True))
        order = {pk: i for i, pk in enumerate(ranked)}
        ids.sort(key=lambda pk: order.get(pk, len(order)))
        window = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        by_id = (
            Record.objects.prefetch_related("contributors")
            .annotate(is_available=available_now())
            .in_bulk(window)
        )
        records = [by_id[i] for i in window if i in by_id]
    else:
        records = list(
            qs.order_by("-created_at", "-pk")
            .prefetch_related("contributors")
            .annotate(is_available=available_now())[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        )
    return OpacResult(records=records, total=total, facets=facets, page=page, pages=pages)


def _facets(qs) -> dict:
    """Counts per language, year, format, subject and availability, plus the total ("_total")."""
    return {
        "language": list(
            qs.exclude(language="")
            .values_list("language")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", "language")[:FACET_SIZE]
        ),
        "year": list(
            qs.exclude(year=None)
            .values_list("year")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-year")[:FACET_SIZE]
        ),
        "format": list(
            qs.values_list("format").annotate(n=Count("pk", distinct=True)).order_by("-n")[:FACET_SIZE]
        ),
        "subject": list(
            Subject.objects.filter(record__in=qs)
            .values_list("heading")
            .annotate(n=Count("pk"))
            .order_by("-n", "heading")[:FACET_SIZE]
        ),
        "available": [("1", qs.filter(available_now()).count())],
        "_total": qs.count(),
    }


def record_public(pk: int) -> Record | None:
    return (
        records_public()
        .prefetch_related("contributors", "subjects", "classifications", "copies__space")
        .filter(pk=pk)
        .first()
    )


def copies_with_due(record: Record) -> list[tuple[Copy, object]]:
    """Each copy with the due date of its open loan (no patron data: visitors see this)."""
    due = dict(
        Loan.objects.filter(copy__record=record, returned_at__isnull=True).values_list("copy_id", "due_on")
    )
    return [(c, due.get(c.pk)) for c in record.copies.all()]


def patron_for_user(user) -> Patron | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Patron.objects.select_related("person").filter(person__user=user).first()


def patron_by_barcode(barcode: str) -> Patron | None:
    return Patron.objects.select_related("person").filter(barcode=(barcode or "").strip()).first()


def patron_loans(patron: Patron) -> QuerySet[Loan]:
    return Loan.objects.filter(patron=patron, returned_at__isnull=True).select_related("copy__record")


def patron_history(patron: Patron) -> QuerySet[Loan]:
    return Loan.objects.filter(patron=patron, returned_at__isnull=False).select_related("copy__record")


def patron_holds(patron: Patron) -> QuerySet[Hold]:
    return (
        Hold.objects.filter(patron=patron)
        .filter(Q(status=Hold.Status.WAITING) | Q(status=Hold.Status.READY))
        .select_related("record", "copy")
    )

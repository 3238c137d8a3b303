"""Reads for the OPAC, the patron's account and the desk, with visitor scoping applied here."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from shanyraq.library.models import Copy, Hold, Loan, MarcImport, Patron, Record, Subject
from shanyraq.search.selectors import search_ids

FACET_SIZE = 12
PAGE_SIZE = 20
# A search (or a filtered browse) lists, pages and counts facets over at most this many records:
# its best-ranked hits (the newest ones when browsing), ten pages. Beyond that a common word would
# make every page count a hundred thousand rows; the visitor is told the list is cut and asked to
# refine, as Koha does with its facet record limit. At a million records the cap is what keeps a
# search page near 50 ms (docs/benchmarks/opac.md): the index scores every candidate in Python.
# The whole catalogue (no query, no filter) is counted in full.
RESULT_CAP = 200
# Browsing with filters (no query) walks the newest-first index and needs no scoring, so it can
# take ten times more: a library of the center's size (about 1,000 books) is never cut when a
# visitor lists, say, every Chinese book.
BROWSE_CAP = 2000
FACETS_CACHE_KEY = "library:opac:facets"
MARC_FIELDS = ("marc_raw", "marc_xml")  # kilobytes per imported record that a result list never shows
FACETS_CACHE_SECONDS = 300


def id_set(ids: list[int]) -> RawSQL:
    """A list of ids as one query parameter (a JSON array on SQLite, an array on PostgreSQL), for
    `pk__in=`: a thousand separate parameters cost more to prepare and bind than the query itself."""
    ids = [int(i) for i in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


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
    # True when more than `cap` records match: total, facets and pages cover the first `cap`.
    capped: bool = False
    cap: int = RESULT_CAP


@dataclass(frozen=True)
class _Hit:
    pk: int
    language: str
    year: int | None
    format: str
    available: bool


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
    """Cross-script search through the index, then facets and filters over the capped hit list.

    Without a query or filter the whole catalogue is listed newest first and its facet counts
    (cached) are exact. Otherwise at most RESULT_CAP records are taken (best-ranked), or
    BROWSE_CAP when browsing with filters (newest first), with the few columns facets need, in one query; filters and
    facets then run over those rows, and ids travel to SQL as one parameter (`id_set`), so a
    page's cost is bounded by RESULT_CAP whatever the catalogue size.
    """
    year = year if year.isdigit() else ""
    if not q.strip() and not (language or year or subject or format or available):
        return _whole_catalogue(page)
    if q.strip():
        cap = RESULT_CAP
        ranked = [int(i) for i in search_ids(q, kind="record", limit=RESULT_CAP + 1)]
        capped = len(ranked) > RESULT_CAP
        ranked = ranked[:RESULT_CAP]
        by_pk = {h.pk: h for h in _hits(records_public().filter(pk__in=id_set(ranked)))}
        hits = [by_pk[pk] for pk in ranked if pk in by_pk]
    else:
        qs = records_public()
        if language:
            qs = qs.filter(language=language)
        if year:
            qs = qs.filter(year=int(year))
        if subject:
            qs = qs.filter(Exists(Subject.objects.filter(record=OuterRef("pk"), heading=subject)))
        if format:
            qs = qs.filter(format=format)
        if available:
            qs = qs.filter(available_now())
        cap = BROWSE_CAP
        hits = _hits(qs.order_by("-created_at", "-pk"), limit=cap + 1)
        capped = len(hits) > cap
        hits = hits[:cap]
    with_subject: set[int] = set()
    if subject and hits:
        with_subject = set(
            Subject.objects.filter(heading=subject, record_id__in=id_set([h.pk for h in hits])).values_list(
                "record_id", flat=True
            )
        )
    hits = [
        h
        for h in hits
        if (not language or h.language == language)
        and (not year or h.year == int(year))
        and (not subject or h.pk in with_subject)
        and (not format or h.format == format)
        and (not available or h.available)
    ]
    facets = _facets_of(hits)
    total = len(hits)
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    window = hits[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    by_id = (
        Record.objects.defer(*MARC_FIELDS).prefetch_related("contributors").in_bulk([h.pk for h in window])
    )
    records = []
    for h in window:
        if h.pk in by_id:
            by_id[h.pk].is_available = h.available  # counted with the hits already
            records.append(by_id[h.pk])
    mark_holdings(records)
    return OpacResult(
        records=records, total=total, facets=facets, page=page, pages=pages, capped=capped, cap=cap
    )


def _hits(qs: QuerySet[Record], limit: int | None = None) -> list[_Hit]:
    """The columns facets and filters need, availability included, in one query."""
    if not qs.query.order_by:
        qs = qs.order_by()  # the model's title ordering would only add a sort
    rows = qs.annotate(is_available=available_now()).values_list(
        "pk", "language", "year", "format", "is_available"
    )
    return [_Hit(*row) for row in (rows[:limit] if limit else rows)]


def _top(counts: dict, key) -> list[tuple]:
    return sorted(counts.items(), key=key)[:FACET_SIZE]


def _facets_of(hits: list[_Hit]) -> dict:
    """The same facets as `_facets` gives for the whole catalogue, counted over these hits."""
    language: dict[str, int] = {}
    years: dict[int, int] = {}
    formats: dict[str, int] = {}
    for h in hits:
        if h.language:
            language[h.language] = language.get(h.language, 0) + 1
        if h.year is not None:
            years[h.year] = years.get(h.year, 0) + 1
        formats[h.format] = formats.get(h.format, 0) + 1
    subjects = (
        Subject.objects.filter(record_id__in=id_set([h.pk for h in hits]))
        .values_list("heading")
        .annotate(n=Count("pk"))
        .order_by("-n", "heading")[:FACET_SIZE]
        if hits
        else []
    )
    return {
        "language": _top(language, lambda kv: (-kv[1], kv[0])),
        "year": _top(years, lambda kv: -kv[0]),
        "format": _top(formats, lambda kv: (-kv[1], kv[0])),
        "subject": list(subjects),
        "available": [("1", sum(1 for h in hits if h.available))],
        "_total": len(hits),
    }


def _whole_catalogue(page: int) -> OpacResult:
    facets = cache.get(FACETS_CACHE_KEY)
    if facets is None:
        facets = _facets(records_public())
        # The landing page counts the whole catalogue; at a million records that is worth caching.
        cache.set(FACETS_CACHE_KEY, facets, FACETS_CACHE_SECONDS)
    total = facets["_total"]
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    records = list(
        records_public()
        .defer(*MARC_FIELDS)
        .order_by("-created_at", "-pk")
        .prefetch_related("contributors")
        .annotate(is_available=available_now())[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )
    mark_holdings(records)
    return OpacResult(records=records, total=total, facets=facets, page=page, pages=pages)


class Holding:
    """What a result list says about a record's copies (`record.holding`): a book out on loan
    is not the same as one the library does not hold, or one that never leaves the reading room."""

    AVAILABLE = "available"
    NONE = "none"  # no copy: the catalogue describes it, the shelves do not have it
    REFERENCE = "reference"  # every copy is for use in the library only
    GONE = "gone"  # every copy is lost or damaged
    OUT = "out"  # on loan, on the hold shelf or in transit: it will come back


def mark_holdings(records: list[Record]) -> None:
    """Set `holding` on one page of records, from one query over their copies."""
    statuses: dict[int, set[str]] = {r.pk: set() for r in records}
    rows = Copy.objects.filter(record_id__in=list(statuses)).values_list("record_id", "status").distinct()
    for record_id, status in rows:
        statuses[record_id].add(status)
    for record in records:
        found = statuses[record.pk]
        if Copy.Status.AVAILABLE in found:
            record.holding = Holding.AVAILABLE
        elif not found:
            record.holding = Holding.NONE
        elif found <= {Copy.Status.REFERENCE}:
            record.holding = Holding.REFERENCE
        elif found <= {Copy.Status.LOST, Copy.Status.DAMAGED}:
            record.holding = Holding.GONE
        elif found <= {Copy.Status.REFERENCE, Copy.Status.LOST, Copy.Status.DAMAGED}:
            record.holding = Holding.REFERENCE
        else:
            record.holding = Holding.OUT


def _facets(qs) -> dict:
    """Counts per language, year, format, subject and availability, plus the total ("_total")."""
    return {
        "language": list(
            qs.exclude(language="")
            .values_list("language")
            .annotate(n=Count("pk"))
            .order_by("-n", "language")[:FACET_SIZE]
        ),
        "year": list(
            qs.exclude(year=None).values_list("year").annotate(n=Count("pk")).order_by("-year")[:FACET_SIZE]
        ),
        "format": list(
            qs.values_list("format").annotate(n=Count("pk")).order_by("-n", "format")[:FACET_SIZE]
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
    """Active holds; a waiting one carries `queue_position` (1 = next to get a copy), counted in
    the same first-come order that check-in serves (placed_at, then pk)."""
    ahead = (
        Hold.objects.filter(record_id=OuterRef("record_id"), status=Hold.Status.WAITING)
        .filter(
            Q(placed_at__lt=OuterRef("placed_at")) | Q(placed_at=OuterRef("placed_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("record_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Hold.objects.filter(patron=patron)
        .filter(Q(status=Hold.Status.WAITING) | Q(status=Hold.Status.READY))
        .select_related("record", "copy")
        .annotate(queue_position=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1)
    )


def marc_imports_recent(limit: int = 10) -> QuerySet[MarcImport]:
    """The latest MARC imports (call import_jobs_reap first, so a killed one shows as interrupted)."""
    return MarcImport.objects.select_related("actor")[:limit]


FIXED_LENGTH = {"006", "007", "008"}


@dataclass
class MarcField:
    tag: str
    ind1: str = ""
    ind2: str = ""
    data: str = ""  # control fields (00X)
    subfields: list[tuple[str, str]] | None = None


@dataclass
class MarcView:
    flavour: str  # "marc21", "unimarc", or "" (flat records, see marc.mapping_flat)
    leader: str
    fields: list[MarcField]
    as_received: bool  # False: built from the catalogue record (entered by hand)


def record_marc(record: Record) -> MarcView | None:
    """The record as MARC for the record page's MARC view (like Koha's): the MARC as received
    when there is one, decoded the way the importer decodes it, else the MARC21 we export."""
    from shanyraq.library.marc import export, reader

    raw, xml, flavour = (
        Record.objects.filter(pk=record.pk).values_list("marc_raw", "marc_xml", "marc_flavour").get()
    )
    marc = reader.stored_record(raw, xml)
    as_received = marc is not None
    if marc is None:
        marc, flavour = export.to_marc21(record), Record.Flavour.MARC21
    fields = []
    for f in marc.fields:
        if f.is_control_field():
            # Blanks count in the fixed-length fields (006-008): shown as # the way MARC's manuals do.
            data = f.data.replace(" ", "#") if f.tag in FIXED_LENGTH else f.data
            fields.append(MarcField(tag=f.tag, data=data))
        else:
            ind = [(i or " ").replace(" ", "#") for i in f.indicators]
            fields.append(
                MarcField(
                    tag=f.tag, ind1=ind[0], ind2=ind[1], subfields=[(s.code, s.value) for s in f.subfields]
                )
            )
    leader = str(marc.leader).replace(" ", "#")
    return MarcView(flavour=flavour, leader=leader, fields=fields, as_received=as_received)

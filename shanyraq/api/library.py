"""API endpoints of the library module: the public catalogue and MARC/Dublin Core exports.

Only public fields: no patrons, no loans beyond a copy's due date, no original MARC bytes.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema

from shanyraq.api.inputs import MAX_PAGE, READ_ERRORS, FreeQuery
from shanyraq.core import links
from shanyraq.library import selectors
from shanyraq.library.marc import export
from shanyraq.library.models import Record

router = Router()

MAX_LIMIT = 100
RecordId = Path(..., ge=1, le=2**53)
PageQuery = Query(1, ge=1, le=MAX_PAGE)


def _file_responses(content_type: str) -> dict:
    """OpenAPI for an export that answers with a file, or a Problem."""
    problem = {"$ref": "#/components/schemas/Problem"}
    return {
        "responses": {
            "200": {"description": "OK", "content": {content_type: {"schema": {"type": "string"}}}},
            "400": {"description": "Bad Request", "content": {"application/json": {"schema": problem}}},
            "404": {"description": "Not Found", "content": {"application/json": {"schema": problem}}},
        }
    }


class ContributorOut(Schema):
    name: str
    name_parallel: str
    role: str


class ClassificationOut(Schema):
    scheme: str
    number: str


class CopyOut(Schema):
    call_number: str
    location: str
    status: str
    due_on: dt.date | None


class RecordListOut(Schema):
    id: int
    title: str
    title_romanized: str
    contributors: list[ContributorOut]
    publisher: str
    year: int | None
    language: str
    isbn13: str
    url: str


class RecordOut(RecordListOut):
    subtitle: str
    responsibility: str
    edition: str
    place: str
    isbn10: str
    series: str
    physical_description: str
    notes: str
    format: str
    subjects: list[str]
    classifications: list[ClassificationOut]
    parallel: list[dict]
    copies: list[CopyOut]


class RecordPage(Schema):
    count: int
    page: int
    pages: int
    # True when more records match than the OPAC lists (selectors.RESULT_CAP): count covers those.
    capped: bool = False
    results: list[RecordListOut]


def _url(record: Record) -> str:
    return links.absolute_reverse("library:record", pk=record.pk)


def _contributors(record: Record) -> list[ContributorOut]:
    return [
        ContributorOut(name=c.name, name_parallel=c.name_parallel, role=c.role)
        for c in record.contributors.all()
    ]


def _list_item(record: Record) -> RecordListOut:
    return RecordListOut(
        id=record.pk,
        title=record.title,
        title_romanized=record.title_romanized,
        contributors=_contributors(record),
        publisher=record.publisher,
        year=record.year,
        language=record.language,
        isbn13=record.isbn13,
        url=_url(record),
    )


@router.get(
    "/records",
    response={200: RecordPage, **READ_ERRORS},
    summary="Search the library catalogue in any script",
)
def record_list(
    request: HttpRequest,
    q: str = FreeQuery,
    language: str = FreeQuery,
    year: str = FreeQuery,
    subject: str = FreeQuery,
    available: bool = False,
    page: int = PageQuery,
):
    result = selectors.opac_search(
        q=q[:200], language=language[:3], year=year[:4], subject=subject[:300], available=available, page=page
    )
    return RecordPage(
        count=result.total,
        page=result.page,
        pages=result.pages,
        capped=result.capped,
        results=[_list_item(r) for r in result.records],
    )


def _record(pk: int) -> Record:
    record = selectors.record_public(pk)
    if record is None:
        raise Http404
    return record


@router.get(
    "/records/{record_id}", response={200: RecordOut, **READ_ERRORS}, summary="One record with its copies"
)
def record_detail(request: HttpRequest, record_id: int = RecordId):
    record = _record(record_id)
    item = _list_item(record)
    return RecordOut(
        **item.dict(),
        subtitle=record.subtitle,
        responsibility=record.responsibility,
        edition=record.edition,
        place=record.place,
        isbn10=record.isbn10,
        series=record.series,
        physical_description=record.physical_description,
        notes=record.notes,
        format=record.format,
        subjects=[s.heading for s in record.subjects.all()],
        classifications=[
            ClassificationOut(scheme=c.scheme, number=c.number) for c in record.classifications.all()
        ],
        parallel=record.parallel or [],
        copies=[
            CopyOut(call_number=c.call_number, location=c.location, status=c.status, due_on=due)
            for c, due in selectors.copies_with_due(record)
        ],
    )


@router.get(
    "/records/{record_id}/marc",
    summary="MARC21 ISO 2709 (UTF-8)",
    openapi_extra=_file_responses("application/marc"),
)
def record_marc(request: HttpRequest, record_id: int = RecordId):
    return HttpResponse(
        export.iso2709([_record(record_id)], base_url=links.site_url()), content_type="application/marc"
    )


@router.get(
    "/records/{record_id}/marcxml",
    summary="MARCXML",
    openapi_extra=_file_responses("application/marcxml+xml"),
)
def record_marcxml(request: HttpRequest, record_id: int = RecordId):
    return HttpResponse(
        export.marcxml([_record(record_id)], base_url=links.site_url()),
        content_type="application/marcxml+xml",
    )


@router.get(
    "/records/{record_id}/dc",
    summary="Dublin Core (oai_dc)",
    openapi_extra=_file_responses("application/xml"),
)
def record_dc(request: HttpRequest, record_id: int = RecordId):
    return HttpResponse(
        export.dublin_core(_record(record_id), base_url=links.site_url()), content_type="application/xml"
    )

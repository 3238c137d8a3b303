"""GET /api/v1/artifacts and /api/v1/artifacts/{accession}: published artifacts only.

Translated fields come as {"zh-hans": .., "en": .., "kk": .., "ru": ..}. Loans, insurance,
storage locations, provenance notes and unpublished records are never serialized.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from shanyraq.api.inputs import MAX_OFFSET, READ_ERRORS, FreeQuery
from shanyraq.collection import selectors
from shanyraq.collection.models import Artifact
from shanyraq.core import languages

router = Router()

MAX_LIMIT = 100
Sort = Literal[tuple(selectors.SORTS)]
LimitQuery = Query(20, ge=1, le=MAX_LIMIT)
OffsetQuery = Query(0, ge=0, le=MAX_OFFSET)


class TermOut(Schema):
    slug: str
    name: dict[str, str]


class ImageOut(Schema):
    display: str
    thumbnail: str
    width: int
    height: int
    alt: dict[str, str]
    credit: dict[str, str]
    primary: bool


class ArtifactOut(Schema):
    accession_number: str
    url: str
    iiif_manifest: str
    title: dict[str, str]
    object_name: dict[str, str]
    category: TermOut | None
    period: TermOut | None
    earliest_year: int | None
    latest_year: int | None
    display_date: dict[str, str]
    materials: list[TermOut]
    on_view: bool
    hall: str | None


class ArtifactDetailOut(ArtifactOut):
    description: dict[str, str]
    label_text: dict[str, str]
    culture: dict[str, str]
    place_of_origin: dict[str, str]
    techniques: list[TermOut]
    dimensions: list[list[str]]
    inscriptions: str
    credit_line: dict[str, str]
    rights_statement: str
    number_of_parts: int
    images: list[ImageOut]


class ArtifactPage(Schema):
    count: int
    results: list[ArtifactOut]


def _term(term) -> dict | None:
    return None if term is None else {"slug": term.slug, "name": languages.as_dict(term, "name")}


def _summary(request, artifact: Artifact) -> dict:
    hall = selectors.public_hall(artifact)
    return {
        "accession_number": artifact.accession_number,
        "url": request.build_absolute_uri(artifact.path),
        "iiif_manifest": request.build_absolute_uri(
            f"/iiif/artifacts/{artifact.accession_number}/manifest.json"
        ),
        "title": languages.as_dict(artifact, "title"),
        "object_name": languages.as_dict(artifact, "object_name"),
        "category": _term(artifact.category),
        "period": _term(artifact.period),
        "earliest_year": artifact.earliest_year,
        "latest_year": artifact.latest_year,
        "display_date": languages.as_dict(artifact, "display_date"),
        "materials": [_term(m) for m in artifact.materials.all()],
        "on_view": hall is not None,
        "hall": hall.slug if hall else None,
    }


@router.get(
    "/artifacts",
    response={200: ArtifactPage, **READ_ERRORS},
    summary="Published artifacts, filtered like the online collection",
)
def artifact_list(
    request: HttpRequest,
    q: str = FreeQuery,
    category: str | None = None,
    period: str | None = None,
    material: str | None = None,
    hall: str | None = None,
    on_view: bool = False,
    sort: Sort = "accession",
    limit: int = LimitQuery,
    offset: int = OffsetQuery,
):
    browse = selectors.artifacts_browse(
        q=q[:200],
        category=[category] if category else [],
        period=[period] if period else [],
        material=[material] if material else [],
        hall=[hall] if hall else [],
        on_view=on_view,
        sort=sort,
    )
    qs = browse.artifacts.select_related("object_type", "current_movement__space").prefetch_related(
        "materials"
    )
    return {"count": browse.total, "results": [_summary(request, a) for a in qs[offset : offset + limit]]}


@router.get(
    "/artifacts/{accession}",
    response={200: ArtifactDetailOut, **READ_ERRORS},
    summary="One published artifact",
)
def artifact_detail(request: HttpRequest, accession: str):
    artifact = get_object_or_404(
        selectors.artifacts_public()
        .select_related("category", "period", "current_movement__space")
        .prefetch_related("materials", "techniques", "images"),
        accession_number=accession,
    )
    return {
        **_summary(request, artifact),
        "description": languages.as_dict(artifact, "description"),
        "label_text": languages.as_dict(artifact, "label_text"),
        "culture": languages.as_dict(artifact, "culture"),
        "place_of_origin": languages.as_dict(artifact, "place_of_origin"),
        "techniques": [_term(t) for t in artifact.techniques.all()],
        "dimensions": [list(pair) for pair in artifact.dimension_list()],
        "inscriptions": artifact.inscriptions,
        "credit_line": languages.as_dict(artifact, "credit_line"),
        "rights_statement": artifact.rights_statement,
        "number_of_parts": artifact.number_of_parts,
        "images": [
            {
                "display": request.build_absolute_uri(i.display.url),
                "thumbnail": request.build_absolute_uri(i.thumbnail.url),
                "width": i.width,
                "height": i.height,
                "alt": languages.as_dict(i, "alt"),
                "credit": languages.as_dict(i, "credit"),
                "primary": i.is_primary,
            }
            for i in artifact.images.all()
        ],
    }

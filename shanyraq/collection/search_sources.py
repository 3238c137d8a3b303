"""Artifacts and exhibitions in the search index, in all four languages."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.collection.models import Artifact, Exhibition, Term
from shanyraq.core import languages
from shanyraq.search.documents import SearchDocument

KIND = "artifact"
EXHIBITION_KIND = "exhibition"
PUBLIC_STATUSES = {Artifact.Status.ON_VIEW, Artifact.Status.IN_STORAGE, Artifact.Status.ON_LOAN_OUT}


TEXT_FIELDS = ["description", "label_text", "culture", "place_of_origin", "display_date"]
SUFFIXES = {code: languages.field_suffix(code) for code in languages.codes()}
ROW_FIELDS = [
    "pk",
    "accession_number",
    "published",
    "status",
    "category_id",
    "period_id",
    "object_type_id",
    *[f"{f}_{s}" for f in ("title", "object_name", *TEXT_FIELDS) for s in SUFFIXES.values()],
]


def _lang(row: dict, field: str) -> dict[str, str]:
    return {code: row[f"{field}_{suffix}"] or "" for code, suffix in SUFFIXES.items()}


def _document(row: dict, term_names: dict[int, list[str]], materials: list[int]) -> SearchDocument:
    """Built from plain values: reindexing thousands of artifacts skips model instances."""
    names = [row["accession_number"], *_lang(row, "object_name").values()]
    text = [v for field in TEXT_FIELDS for v in _lang(row, field).values()]
    for term_id in (row["category_id"], row["period_id"], row["object_type_id"], *materials):
        text.extend(term_names.get(term_id, []))
    return SearchDocument(
        kind=KIND,
        object_id=str(row["pk"]),
        titles=_lang(row, "title"),
        names=[n for n in names if n],
        text=" ".join(t for t in text if t),
        path=f"/collection/artifacts/{row['accession_number']}/",
        summaries=_lang(row, "object_name"),
        public=bool(row["published"]) and row["status"] in PUBLIC_STATUSES,
    )


def artifact_document(artifact: Artifact) -> SearchDocument:
    return next(iter(documents(ids=[artifact.pk])))


def exhibition_document(exhibition: Exhibition) -> SearchDocument:
    return SearchDocument(
        kind=EXHIBITION_KIND,
        object_id=str(exhibition.pk),
        titles=languages.as_dict(exhibition, "title"),
        text=" ".join(
            [
                *languages.as_dict(exhibition, "summary").values(),
                *languages.as_dict(exhibition, "text").values(),
            ]
        ),
        path=f"/collection/exhibitions/{exhibition.slug}/",
        summaries=languages.as_dict(exhibition, "summary"),
        public=exhibition.published,
    )


def documents(ids=None) -> Iterable[SearchDocument]:
    term_names = {
        pk: [n for n in names if n]
        for pk, *names in Term.objects.values_list("pk", *[f"name_{s}" for s in SUFFIXES.values()])
    }
    qs = Artifact.objects.order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    through = Artifact.materials.through
    chunk: list[dict] = []

    def flush():
        materials: dict[int, list[int]] = {}
        rows = through.objects.filter(artifact_id__in=[r["pk"] for r in chunk]).values_list(
            "artifact_id", "term_id"
        )
        for artifact_id, term_id in rows:
            materials.setdefault(artifact_id, []).append(term_id)
        docs = [_document(r, term_names, materials.get(r["pk"], [])) for r in chunk]
        chunk.clear()
        return docs

    for row in qs.values(*ROW_FIELDS).iterator(chunk_size=2000):
        chunk.append(row)
        if len(chunk) >= 500:
            yield from flush()
    if chunk:
        yield from flush()
    if ids is None:
        yield from exhibition_documents()


def exhibition_documents(ids=None) -> Iterable[SearchDocument]:
    qs = Exhibition.objects.all() if ids is None else Exhibition.objects.filter(pk__in=ids)
    for exhibition in qs:
        yield exhibition_document(exhibition)

"""Artifacts and exhibitions in the search index, in all four languages."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.collection.models import Artifact, Exhibition
from shanyraq.core import languages
from shanyraq.search.documents import SearchDocument

KIND = "artifact"
EXHIBITION_KIND = "exhibition"
PUBLIC_STATUSES = {Artifact.Status.ON_VIEW, Artifact.Status.IN_STORAGE, Artifact.Status.ON_LOAN_OUT}


def artifact_document(artifact: Artifact) -> SearchDocument:
    names = [artifact.accession_number, *languages.as_dict(artifact, "object_name").values()]
    text_fields = ["description", "label_text", "culture", "place_of_origin", "display_date"]
    text = [value for field in text_fields for value in languages.as_dict(artifact, field).values()]
    for term in (artifact.category, artifact.period, artifact.object_type):
        if term is not None:
            text.extend(languages.as_dict(term, "name").values())
    text.extend(v for m in artifact.materials.all() for v in languages.as_dict(m, "name").values())
    summaries = {code: languages.value_in(artifact, "object_name", code) for code in languages.codes()}
    return SearchDocument(
        kind=KIND,
        object_id=str(artifact.pk),
        titles=languages.as_dict(artifact, "title"),
        names=[n for n in names if n],
        text=" ".join(t for t in text if t),
        path=artifact.path,
        summaries=summaries,
        public=artifact.published and artifact.status in PUBLIC_STATUSES,
    )


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
    qs = Artifact.objects.select_related("category", "period", "object_type").prefetch_related("materials")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for artifact in qs.iterator(chunk_size=1000):
        yield artifact_document(artifact)
    if ids is None:
        yield from exhibition_documents()


def exhibition_documents(ids=None) -> Iterable[SearchDocument]:
    qs = Exhibition.objects.all() if ids is None else Exhibition.objects.filter(pk__in=ids)
    for exhibition in qs:
        yield exhibition_document(exhibition)

"""Programs in the search index: visitors find a dombra course by typing домбыра, dombra or 冬不拉."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.core import languages
from shanyraq.programs.models import Program
from shanyraq.search.documents import SearchDocument

KIND = "program"


def document(program: Program) -> SearchDocument:
    descriptions = languages.as_dict(program, "description")
    return SearchDocument(
        kind=KIND,
        object_id=str(program.pk),
        titles=languages.as_dict(program, "title"),
        names=[t.name for t in program.teachers.all()],
        text=" ".join(descriptions.values()),
        path=f"/programs/{program.pk}/",
        summaries={code: text[:200] for code, text in descriptions.items()},
        public=program.is_published,
    )


def documents(ids=None) -> Iterable[SearchDocument]:
    qs = Program.objects.prefetch_related("teachers")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for program in qs.iterator(chunk_size=200):
        yield document(program)


def index(program: Program) -> None:
    """Called by the services after a write (no signals)."""
    from django.db import transaction

    from shanyraq.search.services import index_documents

    transaction.on_commit(lambda: index_documents(documents(ids=[program.pk])))

"""Spaces in the search index: visitors find halls by name in any language."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.core import languages
from shanyraq.search.documents import SearchDocument
from shanyraq.spaces.models import Space

KIND = "space"


def document(space: Space) -> SearchDocument:
    return SearchDocument(
        kind=KIND,
        object_id=str(space.pk),
        titles=languages.as_dict(space, "name"),
        text=" ".join(languages.as_dict(space, "description").values()),
        path=f"/spaces/{space.slug}/",
        summaries=languages.as_dict(space, "description"),
        public=space.is_public and space.kind != Space.Kind.STORAGE,
    )


def documents(ids=None) -> Iterable[SearchDocument]:
    qs = Space.objects.all() if ids is None else Space.objects.filter(pk__in=ids)
    for space in qs.iterator():
        yield document(space)

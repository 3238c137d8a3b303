"""Records in the search index: title as printed, romanized twin and names in every script."""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.library.documents import KIND
from shanyraq.library.models import Record
from shanyraq.library.services.catalogue import document_for
from shanyraq.search.documents import SearchDocument

__all__ = ["KIND", "documents"]


def documents(ids=None) -> Iterable[SearchDocument]:
    qs = Record.objects.all() if ids is None else Record.objects.filter(pk__in=ids)
    qs = qs.defer("marc_raw", "marc_xml").prefetch_related("contributors", "subjects")
    for record in qs.iterator(chunk_size=2000):
        yield document_for(record, record.contributors.all(), record.subjects.all())

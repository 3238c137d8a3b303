from __future__ import annotations

from collections.abc import Iterable

from shanyraq.collection import search_sources
from shanyraq.search.services import index_documents


def artifacts_index(ids: Iterable[int]) -> int:
    """Re-index these artifacts and drop cached facet counts (called by every service write)."""
    from shanyraq.collection.selectors import collection_version_bump

    collection_version_bump()
    return index_documents(search_sources.documents(ids=list(ids)))


def exhibitions_index(ids: Iterable[int]) -> int:
    return index_documents(search_sources.exhibition_documents(ids=list(ids)))

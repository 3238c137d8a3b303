from __future__ import annotations

from collections.abc import Iterable

from shanyraq.collection import search_sources
from shanyraq.collection.services.facets import facets_refresh
from shanyraq.search.services import index_documents


def artifacts_index(ids: Iterable[int]) -> int:
    """Re-index these artifacts, move their facet counts and drop cached search facet counts
    (called by every service write)."""
    from shanyraq.collection.selectors import collection_version_bump

    ids = list(ids)
    facets_refresh(ids)
    collection_version_bump()
    return index_documents(search_sources.documents(ids=ids))


def exhibitions_index(ids: Iterable[int]) -> int:
    return index_documents(search_sources.exhibition_documents(ids=list(ids)))

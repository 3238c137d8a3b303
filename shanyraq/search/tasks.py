"""Background work of the search index."""

from __future__ import annotations

from django_tasks import task


@task()
def optimize_index() -> None:
    """Merge the full-text index (after an erasure, so removed keys leave the database file)."""
    from shanyraq.search.services import search_index_optimize

    search_index_optimize()

"""The index stays compact after imports: search_index_optimize (daily, `manage.py optimize_search`)
and the bounded merge after a large import (services.search_index_after_import)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from shanyraq.search import services
from shanyraq.search.documents import SearchDocument
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents, search_index_after_import, search_index_optimize

pytestmark = pytest.mark.django_db


def _load_in_batches(batches: int, size: int) -> None:
    """Each index_documents call commits on its own, as each import batch does."""
    for b in range(batches):
        index_documents(
            SearchDocument(
                kind="record",
                object_id=str(b * size + i),
                titles={"": f"Abai joly {b} {i}"},
                text=f"kitap dala {b * size + i}",
                path=f"/r/{b * size + i}/",
            )
            for i in range(size)
        )


def _segments() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT segid) FROM search_fts_idx")
        return cursor.fetchone()[0]


def _answers() -> list:
    return [
        [h.object_id for h in search(q, limit=50)]
        for q in ("abai", "joly 7", "dala 1234", "zqxvbnwt", "kitap")
    ]


def test_optimize_merges_the_segments_of_many_imports_and_keeps_every_answer():
    _load_in_batches(20, 25)
    before = _answers()
    if connection.vendor == "sqlite":
        assert _segments() > 1
    assert search_index_optimize() >= 0
    if connection.vendor == "sqlite":
        assert _segments() == 1
    assert _answers() == before
    assert before[3] == [] and len(before[0]) == 50


def test_a_large_import_merges_afterwards_and_a_small_one_does_not(monkeypatch):
    monkeypatch.setattr(services, "OPTIMIZE_AFTER", 500)
    _load_in_batches(40, 20)
    if connection.vendor != "sqlite":
        search_index_after_import(800)  # merges the GIN pending lists; nothing to count
        return
    segments = _segments()
    search_index_after_import(499)
    assert _segments() == segments
    search_index_after_import(800)
    assert _segments() < segments


def test_the_optimize_command_reports_its_time():
    out = io.StringIO()
    call_command("optimize_search", stdout=out)
    assert out.getvalue().startswith("search index optimized in ")
    assert out.getvalue().endswith(" s\n")

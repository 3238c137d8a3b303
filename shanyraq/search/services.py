"""Keep the index in step with the records. Called by the services that write records.

Writes go to SearchEntry only; the database keeps the full-text structure in step (FTS5
triggers on SQLite, a generated tsvector column on PostgreSQL), so a write and its index update
commit or roll back together.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import import_module
from itertools import chain, islice

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Q

from shanyraq.search.backends import sql as backend_sql
from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry, SearchTerm, SearchWord
from shanyraq.search.normalizer import text_keys
from shanyraq.search.rows import fuzzy_candidates, prepare

BATCH = 1000
# From this many documents in one call, batches are normalized in a helper process (the index
# is CPU-bound in Python; a second core then works in parallel with the database writes).
PARALLEL_FROM = 2 * BATCH


def deletions(term: str) -> set[str]:
    """The term and every way to drop one letter from it (SymSpell distance-1 neighbours)."""
    return {term, *(term[:i] + term[i + 1 :] for i in range(len(term)))}


def _insert_ignore(table: str, columns: list[str], rows: list[tuple]) -> None:
    """INSERT that skips rows hitting a unique constraint (both vendors): on PostgreSQL one
    statement over arrays (unnest), not one per row, which sent each of a batch's tens of
    thousands of deletion variants as a statement of its own; on SQLite an executemany."""
    if not rows:
        return
    cols = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(["%s::text[]"] * len(columns))
            sql = f"INSERT INTO {table} ({cols}) SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING"
            cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})", rows)


def _new_words(words: list[str]) -> list[str]:
    """Add these words to the vocabulary; return the ones it did not hold yet.

    PostgreSQL: one INSERT ... ON CONFLICT DO NOTHING RETURNING, never a SELECT `term IN (...)`
    first: on a vocabulary analyzed while it was small (a fresh install's first import), that
    SELECT was planned on the trigram index and took 2-3 s per 900 words. RETURNING reports only
    the rows really inserted. SQLite has no such index; reading the known words first and inserting
    the rest measured a few per cent faster there than INSERT ... RETURNING."""
    table = SearchWord._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (term) SELECT unnest(%s::varchar[]) ON CONFLICT DO NOTHING RETURNING term",
                [words],
            )
            return [row[0] for row in cursor.fetchall()]
    known: set[str] = set()
    for i in range(0, len(words), 900):
        known.update(SearchWord.objects.filter(term__in=words[i : i + 900]).values_list("term", flat=True))
    new = [w for w in words if w not in known]
    _insert_ignore(table, ["term"], [(w,) for w in new])
    return new


def _add_vocabulary(words: set[str]) -> None:
    if not words:
        return
    new = _new_words(sorted(words))
    rows = [(v, w) for w in new for v in deletions(w)]
    _insert_ignore(SearchTerm._meta.db_table, ["variant", "term"], rows)


_ENTRY_COLUMNS = [
    "kind", "object_id", "titles", "summaries", "path", "public",
    "title_keys", "body_keys", "meta_keys", "title_exact", "title_phrases",
]  # fmt: skip


def _upsert_entries(rows: list[tuple]) -> None:
    """One executemany for the batch (Django's bulk_create costs more than the normalizer here).

    INSERT ... ON CONFLICT DO UPDATE on the (kind, object_id) constraint makes concurrent indexing
    of the same document safe on both vendors: no delete-then-insert window. On SQLite the update
    trigger moves the FTS entry; on PostgreSQL the generated tsvector is recomputed.
    """
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    marks = ", ".join(json_mark if c in ("titles", "summaries") else "%s" for c in _ENTRY_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _ENTRY_COLUMNS[2:])
    sql = (
        f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(_ENTRY_COLUMNS)}) VALUES ({marks})"
        f" ON CONFLICT (kind, object_id) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        if connection.vendor == "postgresql":
            # The prefix vocabulary (backends/sql.py, migration 0003), one statement a batch.
            cursor.execute(backend_sql.POSTGRES_LEXEMES_ADD, [[r[0] for r in rows], [r[1] for r in rows]])


def _batches(docs: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    it = iter(docs)
    while batch := list(islice(it, BATCH)):
        yield batch


def _write(rows: list[tuple], words: set[str]) -> None:
    _upsert_entries(rows)
    _add_vocabulary(words)


_process_pool: ProcessPoolExecutor | None = None


def _helper_process() -> ProcessPoolExecutor:
    """One long-lived helper process (spawned, so it shares no database connection), created
    only for large loads such as `manage.py reindex` or imports; its caches stay warm."""
    global _process_pool
    if _process_pool is None:
        _process_pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _process_pool


def helper_pids() -> list[int]:
    """PIDs of the helper process, if any (the benchmark reads their CPU time)."""
    return list(getattr(_process_pool, "_processes", None) or {})


def index_documents(docs: Iterable[SearchDocument]) -> int:
    """Insert or replace these documents in the index, in one transaction. Returns the count.

    Documents are read (and database access done) in the calling thread; the next batch is
    normalized meanwhile: in a helper process for large loads, else in a helper thread.
    """
    global _process_pool
    count = 0
    batches = _batches(docs)
    first = next(batches, None)
    if first is None:
        return 0
    second = next(batches, None)
    large = second is not None and len(first) + len(second) >= PARALLEL_FROM
    pending_batches = chain([first], [second] if second else [], batches)
    try:
        with transaction.atomic(), ThreadPoolExecutor(max_workers=1) as threads:
            pool = _helper_process() if large else threads
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA cache_size = -65536")
            batch = next(pending_batches, None)
            pending = pool.submit(prepare, batch) if batch else None
            while pending is not None:
                rows, words = pending.result()
                batch = next(pending_batches, None)
                pending = pool.submit(prepare, batch) if batch else None
                _write(rows, words)
                count += len(rows)
    except BrokenProcessPool:
        _process_pool = None  # the helper died; the next call starts a new one
        raise
    return count


def index_rows(rows: list[tuple], words: set[str]) -> int:
    """Write rows already built by `rows.entry` (one per document, distinct ids) and their
    typo-tolerance words, in one transaction. For importers that normalize in a helper process of
    their own (the library's MARC import); everyone else calls index_documents."""
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -65536")
        _write(rows, words)
    return len(rows)


def index_remove(kind: str, ids: Iterable[str]) -> None:
    ids = [str(i) for i in ids]
    with transaction.atomic():
        for i in range(0, len(ids), 900):
            SearchEntry.objects.filter(kind=kind, object_id__in=ids[i : i + 900]).delete()


def sources():
    for config in apps.get_app_configs():
        if config.name.startswith("shanyraq."):
            try:
                yield import_module(f"{config.name}.search_sources")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.search_sources":
                    raise


def index_clear() -> None:
    """Empty the index and its vocabulary (reindex and benchmarks start from here)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        SearchWord.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_lexeme")


def reindex_all() -> dict[str, int]:
    counts = {}
    with transaction.atomic():
        index_clear()
        for source in sources():
            counts[source.KIND] = index_documents(source.documents())
    return counts


# An import that indexed at least this many documents merges the index's segments afterwards.
OPTIMIZE_AFTER = 2_000
# Pages of FTS5 merge work per document indexed by an import (bounded; the daily optimize does the rest).
MERGE_PAGES_PER_DOCUMENT = 0.5


def search_index_optimize() -> float:
    """Merge the full-text index into its most compact form; returns the seconds it took.

    Run daily by the scheduler (`manage.py optimize_search`) and safe at any time: SQLite's FTS5
    'optimize' (one b-tree instead of one segment per write transaction) and ANALYZE; PostgreSQL's
    GIN pending lists merged and the search tables analyzed. Without it, a catalogue imported in
    many batches answered a query that matches nothing in seconds instead of milliseconds."""
    import time

    from shanyraq.search.backends import sql

    started = time.perf_counter()
    statements = {"sqlite": sql.SQLITE_OPTIMIZE, "postgresql": sql.POSTGRES_OPTIMIZE}.get(
        connection.vendor, []
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return time.perf_counter() - started


def search_index_after_import(documents: int) -> None:
    """After an import that indexed `documents` entries: on SQLite, a bounded FTS5 merge (about
    MERGE_PAGES_PER_DOCUMENT pages each), so the batches' segments do not pile up until the daily
    optimize; on PostgreSQL the GIN pending list is merged. Small imports do nothing."""
    from shanyraq.search.backends import sql

    if documents < OPTIMIZE_AFTER:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Negative: merge across levels, as few as two segments (FTS5 "merge" command).
            cursor.execute(sql.SQLITE_MERGE, [-max(64, int(documents * MERGE_PAGES_PER_DOCUMENT))])
        elif connection.vendor == "postgresql":
            for statement in sql.POSTGRES_OPTIMIZE[:3]:
                cursor.execute(statement)


def _still_indexed(word: str) -> bool:
    hits = SearchEntry.objects.filter(Q(title_keys__contains=word) | Q(body_keys__contains=word))
    for title_keys, body_keys in hits.values_list("title_keys", "body_keys").iterator():
        if word in title_keys.split() or word in body_keys.split():
            return True
    return False


def index_forget(texts: Iterable[str]) -> int:
    """After the documents that named a person were reindexed or removed (erasure), drop the
    typo-tolerance words made from those texts that no other entry still holds. Returns how many.

    On SQLite the full-text index also keeps a removed entry's keys in older segments until they
    are merged: `search.tasks.optimize_index` (enqueued by the caller after commit) merges them.
    """
    words: set[str] = set()
    texts_seen = [text for text in texts if text]
    for text in texts_seen:
        words |= fuzzy_candidates(text_keys(text).match)
    gone = sorted(w for w in words if not _still_indexed(w))
    with transaction.atomic():
        for i in range(0, len(gone), 900):
            SearchTerm.objects.filter(term__in=gone[i : i + 900]).delete()
            SearchWord.objects.filter(term__in=gone[i : i + 900]).delete()
        if connection.vendor == "postgresql":
            _forget_lexemes(texts_seen)
    return len(gone)


def _forget_lexemes(texts: list[str]) -> None:
    """PostgreSQL: drop from the prefix vocabulary (search_lexeme) the lexemes these texts can
    make (as a title, a name or body text) that no entry still has."""
    keys: set[str] = set()
    for text in texts:
        for made in (text_keys(text), text_keys(text, stem=True), text_keys(text, pinyin=False, stem=True)):
            keys.update(made.match)
            keys.update(made.stems)
    if keys:
        with connection.cursor() as cursor:
            cursor.execute(backend_sql.POSTGRES_LEXEMES_FORGET, [" ".join(sorted(keys))])

"""Keep the index in step with the records. Called by the services that write records.

Writes go to SearchEntry only; the database keeps the full-text structure in step (FTS5
triggers on SQLite, a generated tsvector column on PostgreSQL), so a write and its index update
commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from itertools import islice

from django.apps import apps
from django.db import connection, transaction

from shanyraq.search.backends import phrase_mark
from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry, SearchTerm, SearchWord
from shanyraq.search.normalizer import text_keys

BATCH = 1000
MAX_BODY_KEYS = 20000
FUZZY_MIN = 5
# Marker tokens: doubled letters never survive the normalizer, so no query word equals one.
# Unpublished entries carry PRIVATE_MARK and public searches exclude it: a NOT on a short list is
# cheap on both backends, where requiring a "public" marker would intersect with nearly every row.
PRIVATE_MARK = "zzprivate"


def kind_mark(kind: str) -> str:
    return "zzk" + "".join(c for c in kind.lower() if c.isascii() and c.isalnum())


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _entry(doc: SearchDocument) -> tuple[tuple, list[str]]:
    """The SearchEntry row for a document (columns as _ENTRY_COLUMNS) and its match keys."""
    title_match: list[str] = []
    title_exact: list[str] = []
    phrases: list[str] = []
    for text in (*doc.titles.values(), *doc.names):
        if not text:
            continue
        k = text_keys(text)
        title_match += k.match
        title_exact += k.exact
        if k.phrase:
            phrases.append(k.phrase)
    title_match = _dedupe(title_match)
    body_keys = _dedupe(text_keys(doc.text, pinyin=False).match)[:MAX_BODY_KEYS] if doc.text else []
    phrases = _dedupe(phrases)
    meta = " ".join(
        [kind_mark(doc.kind), *([] if doc.public else [PRIVATE_MARK]), *map(phrase_mark, phrases)]
    )
    row = (
        doc.kind,
        str(doc.object_id),
        json.dumps({k: v for k, v in doc.titles.items() if v}, ensure_ascii=False),
        json.dumps({k: v for k, v in doc.summaries.items() if v}, ensure_ascii=False),
        doc.path,
        bool(doc.public),
        " ".join(title_match),
        " ".join(body_keys),
        meta,
        " ".join(_dedupe(title_exact)),
        "\n".join(phrases),
    )
    return row, title_match + body_keys


def deletions(term: str) -> set[str]:
    """The term and every way to drop one letter from it (SymSpell distance-1 neighbours)."""
    return {term, *(term[:i] + term[i + 1 :] for i in range(len(term)))}


def _fuzzy_candidates(keys: Iterable[str]) -> set[str]:
    return {k for k in keys if len(k) >= FUZZY_MIN and k.isascii() and k.isalpha() and len(k) <= 64}


def _insert_ignore(table: str, columns: list[str], rows: list[tuple]) -> None:
    """executemany INSERT that skips rows hitting a unique constraint (both vendors)."""
    if not rows:
        return
    cols = ", ".join(columns)
    marks = ", ".join(["%s"] * len(columns))
    if connection.vendor == "postgresql":
        sql = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    else:
        sql = f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _add_vocabulary(words: set[str]) -> None:
    if not words:
        return
    known: set[str] = set()
    ordered = sorted(words)
    for i in range(0, len(ordered), 900):
        known.update(SearchWord.objects.filter(term__in=ordered[i : i + 900]).values_list("term", flat=True))
    new = [w for w in ordered if w not in known]
    _insert_ignore(SearchWord._meta.db_table, ["term"], [(w,) for w in new])
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


def _batches(docs: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    it = iter(docs)
    while batch := list(islice(it, BATCH)):
        yield batch


def _prepare(batch: list[SearchDocument]) -> tuple[list[tuple], set[str]]:
    """Normalize a batch (pure Python, no database): rows to insert and words for the vocabulary."""
    latest: dict[tuple[str, str], tuple] = {}
    keys: set[str] = set()
    for doc in batch:
        row, match = _entry(doc)
        latest[(row[0], row[1])] = row
        keys.update(match)
    return list(latest.values()), _fuzzy_candidates(keys)


def _write(rows: list[tuple], words: set[str]) -> None:
    _upsert_entries(rows)
    _add_vocabulary(words)


def index_documents(docs: Iterable[SearchDocument]) -> int:
    """Insert or replace these documents in the index, in one transaction. Returns the count.

    Documents are read (and database access done) in the calling thread; normalizing the next
    batch runs in a helper thread meanwhile, since the database releases the GIL while it works.
    """
    count = 0
    batches = _batches(docs)
    with transaction.atomic(), ThreadPoolExecutor(max_workers=1) as pool:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -65536")
        batch = next(batches, None)
        pending = pool.submit(_prepare, batch) if batch else None
        while pending is not None:
            rows, words = pending.result()
            batch = next(batches, None)
            pending = pool.submit(_prepare, batch) if batch else None
            _write(rows, words)
            count += len(rows)
    return count


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


def reindex_all() -> dict[str, int]:
    counts = {}
    with transaction.atomic():
        index_clear()
        for source in sources():
            counts[source.KIND] = index_documents(source.documents())
    return counts

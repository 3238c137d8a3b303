"""Keep the index in step with the records. Called by the services that write records.

Writes go to SearchEntry only; the database keeps the full-text structure in step (FTS5
triggers on SQLite, a generated tsvector column on PostgreSQL), so a write and its index update
commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import import_module
from itertools import islice

from django.apps import apps
from django.db import connection, transaction

from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry, SearchTerm, SearchWord
from shanyraq.search.normalizer import text_keys

BATCH = 2000
MAX_BODY_KEYS = 20000
FUZZY_MIN = 5
PUBLIC_MARK = "zzpublic"  # doubled letters: the normalizer collapses them, so no query makes it


def kind_mark(kind: str) -> str:
    return "zzk" + "".join(c for c in kind.lower() if c.isascii() and c.isalnum())


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _entry(doc: SearchDocument) -> tuple[SearchEntry, list[str]]:
    title_match: list[str] = []
    title_exact: list[str] = []
    phrases: list[str] = []
    for text in [*doc.titles.values(), *doc.names]:
        if not text:
            continue
        k = text_keys(text)
        title_match += k.match
        title_exact += k.exact
        if k.phrase:
            phrases.append(k.phrase)
    body = text_keys(doc.text).match if doc.text else []
    title_match = _dedupe(title_match)
    body_keys = _dedupe(body)[:MAX_BODY_KEYS]
    meta = [kind_mark(doc.kind)] + ([PUBLIC_MARK] if doc.public else [])
    entry = SearchEntry(
        kind=doc.kind,
        object_id=str(doc.object_id),
        titles={k: v for k, v in doc.titles.items() if v},
        summaries={k: v for k, v in doc.summaries.items() if v},
        path=doc.path,
        public=bool(doc.public),
        title_keys=" ".join(title_match),
        body_keys=" ".join(body_keys),
        meta_keys=" ".join(meta),
        title_exact=" ".join(_dedupe(title_exact)),
        title_phrases="\n".join(_dedupe(phrases)),
    )
    return entry, title_match + body_keys


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


def _insert_entries(entries: list[SearchEntry]) -> None:
    """One executemany for the batch: Django's bulk_create costs more than the normalizer here."""
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    marks = ", ".join(json_mark if c in ("titles", "summaries") else "%s" for c in _ENTRY_COLUMNS)
    sql = f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(_ENTRY_COLUMNS)}) VALUES ({marks})"
    rows = [
        (
            e.kind,
            e.object_id,
            json.dumps(e.titles, ensure_ascii=False),
            json.dumps(e.summaries, ensure_ascii=False),
            e.path,
            e.public,
            e.title_keys,
            e.body_keys,
            e.meta_keys,
            e.title_exact,
            e.title_phrases,
        )  # fmt: skip
        for e in entries
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _batches(docs: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    it = iter(docs)
    while batch := list(islice(it, BATCH)):
        yield batch


def index_documents(docs: Iterable[SearchDocument]) -> int:
    """Insert or replace these documents in the index, in one transaction. Returns the count."""
    count = 0
    with transaction.atomic():
        for batch in _batches(docs):
            latest: dict[tuple[str, str], SearchEntry] = {}
            words: set[str] = set()
            for doc in batch:
                entry, match = _entry(doc)
                latest[(entry.kind, entry.object_id)] = entry
                words |= _fuzzy_candidates(match)
            by_kind: dict[str, list[str]] = {}
            for kind, object_id in latest:
                by_kind.setdefault(kind, []).append(object_id)
            for kind, ids in by_kind.items():
                for i in range(0, len(ids), 900):
                    SearchEntry.objects.filter(kind=kind, object_id__in=ids[i : i + 900]).delete()
            _insert_entries(list(latest.values()))
            _add_vocabulary(words)
            count += len(batch)
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

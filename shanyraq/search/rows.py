"""Index rows from documents: pure Python (no Django), so a helper process can build them.

Marker tokens: doubled letters never survive the normalizer, so no query word equals one.
Unpublished entries carry PRIVATE_MARK and public searches exclude it: a NOT on a short list is
cheap on both backends, where requiring a "public" marker would intersect with nearly every row.
Every title or name is also one phrase marker, so an exact title is found by a single lookup.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from shanyraq.search.documents import SearchDocument
from shanyraq.search.normalizer import text_keys

MAX_BODY_KEYS = 20000
FUZZY_MIN = 5
PRIVATE_MARK = "zzprivate"
_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def kind_mark(kind: str) -> str:
    return "zzk" + "".join(c for c in kind.lower() if c.isascii() and c.isalnum())


def phrase_mark(phrase: str) -> str:
    """One ASCII-letter token standing for a whole title phrase."""
    digest = hashlib.blake2b(phrase.encode("utf-8"), digest_size=8).hexdigest()
    return "zzp" + digest.translate(_LETTERS)


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def entry(doc: SearchDocument) -> tuple[tuple, list[str]]:
    """The SearchEntry row for a document (columns as _ENTRY_COLUMNS) and its match keys."""
    title_match: list[str] = []
    title_exact: list[str] = []
    title_stems: list[str] = []
    phrases: list[str] = []
    for text, is_name in (*((t, False) for t in doc.titles.values()), *((n, True) for n in doc.names)):
        if not text:
            continue
        k = text_keys(text, stem=not is_name)  # names of people and places keep their form
        title_match += k.match
        title_exact += k.exact
        title_stems += k.stems
        if k.phrase:
            phrases.append(k.phrase)
    title_match = _dedupe(title_match)
    body_match: list[str] = []
    body_stems: tuple[str, ...] = ()
    if doc.text:
        body = text_keys(doc.text, pinyin=False, stem=True)
        body_match = _dedupe(body.match)[:MAX_BODY_KEYS]
        body_stems = body.stems
    title_keys = title_match + [s for s in _dedupe(title_stems) if s not in title_match]
    body_keys = body_match + list(body_stems[: MAX_BODY_KEYS - len(body_match)])
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
        " ".join(title_keys),
        " ".join(body_keys),
        meta,
        " ".join(_dedupe(title_exact)),
        "\n".join(phrases),
    )
    return row, title_match + body_match


def fuzzy_candidates(keys: Iterable[str]) -> set[str]:
    return {k for k in keys if len(k) >= FUZZY_MIN and k.isascii() and k.isalpha() and len(k) <= 64}


def prepare(batch: list[SearchDocument]) -> tuple[list[tuple], set[str]]:
    """Normalize a batch: rows to upsert (last one wins per kind and id) and vocabulary words."""
    latest: dict[tuple[str, str], tuple] = {}
    keys: set[str] = set()
    for doc in batch:
        row, match = entry(doc)
        latest[(row[0], row[1])] = row
        keys.update(match)
    return list(latest.values()), fuzzy_candidates(keys)

"""Query the index. Never raises on user input.

Two steps: the backend finds up to CANDIDATES matching entries (ranked by bm25 / ts_rank), then
they are scored here from their stored keys, the same way on every backend:

- 100 when the query's phrase key equals a title or name's phrase key (exact title match);
  20 when a title or name starts with the query's phrase;
- plus, averaged over the query's words, 10 for a word found in titles/names (+1 when it is
  the same exact form, same script), 8 for another form of the word there (same stem, see
  stemming.py), 6 for a prefix or one-typo match there, 3 in the body, 2.5 for another form in
  the body, 2 for a prefix or typo match in the body;
- the best reading counts (a query may also be read as pinyin); shorter titles win ties.

Partial matches (decision 022): when no entry matches every word of a query of two or more
words, the entries that match most of them are returned instead of nothing. A query with Chinese
written without spaces also gets them below its full matches when these do not fill the page:
its bigrams include ones across two words (`ParsedQuery.unsegmented`). Each word weighs
its rarity (IDF: ln(1 + entries / entries with the word), counted up to DF_CAP); a word no
entry has (a misspelled name, a word the catalogue lacks) weighs nothing. An entry qualifies
when the words it has carry more than half of the weight, and scores below 1, under every
full match: 0.9 x (weighted word scores) / (the best possible weighted score).

Name authorities (decision 026): registered query expanders (the authorities app registers
one) may spell a query out in other forms of a name it contains («Абай» → 阿拜, Abai) and name
things linked to that name. The other spellings join the query as further readings in the same
candidate lookup; a linked thing that matches no spelling still scores LINKED_SCORE (as a word
found in a title).

The final order is score, then kind, then object_id: deterministic, identical on both backends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction

from shanyraq.core import languages
from shanyraq.search.backends import candidates, partial_candidates
from shanyraq.search.models import SearchEntry, SearchTerm
from shanyraq.search.normalizer import ParsedQuery, parse_query
from shanyraq.search.rows import FUZZY_MIN, PRIVATE_MARK, kind_mark
from shanyraq.search.services import deletions

KINDS = ["artifact", "exhibition", "record", "program", "space", "page", "post"]
CANDIDATES = 120
MAX_FUZZY = 8
PARTIAL_SHARE = 0.5  # a partial match has words carrying more than this share of the weight
PARTIAL_MAX = 300  # candidates a partial answer reads per word, whatever the caller's limit
MAX_EXPANDED = 24  # other spellings of a query one search tries at most
LINKED_SCORE = 10.0
logger = logging.getLogger(__name__)

# An expander takes the query text and returns (other spellings of it, [(kind, object_id), ...]
# of things linked to a name it contains). Registered by apps that know names (AppConfig.ready).
_EXPANDERS: list[Callable[[str], tuple[list[str], list[tuple[str, str]]]]] = []


def register_expander(expander: Callable[[str], tuple[list[str], list[tuple[str, str]]]]) -> None:
    if expander not in _EXPANDERS:
        _EXPANDERS.append(expander)


def _expand(q: str) -> tuple[list[ParsedQuery], list[tuple[str, str]]]:
    spellings: list[str] = []
    linked: list[tuple[str, str]] = []
    for expander in _EXPANDERS:
        more, links = expander(q)
        spellings += more
        linked += links
    parsed = [p for p in (parse_query(s) for s in dict.fromkeys(spellings[:MAX_EXPANDED])) if p]
    return parsed, list(dict.fromkeys(linked))


def _linked_ids(linked: list[tuple[str, str]], kind: str | None) -> list[int]:
    ids: list[int] = []
    by_kind: dict[str, list[str]] = {}
    for k, object_id in linked:
        if kind is None or k == kind:
            by_kind.setdefault(k, []).append(object_id)
    for k, object_ids in by_kind.items():
        ids += SearchEntry.objects.filter(kind=k, object_id__in=object_ids).values_list("id", flat=True)
    return ids


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: str
    title: str
    title_lang: str
    path: str
    snippet: str
    score: float


def _pick(values: dict, lang: str) -> tuple[str, str]:
    """Text in the visitor's language, else "" (same in every language), else the site's
    fallback chain for that language; returns the language the text is really in."""
    if values.get(lang):
        return values[lang], lang
    if values.get(""):
        return values[""], lang
    for code in languages.fallback_chain(lang):
        if values.get(code):
            return values[code], code
    for code, text in values.items():
        if text:
            return text, code
    return "", lang


def _distance_at_most_one(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _fuzzy(sources: set[str]) -> dict[str, list[str]]:
    """Indexed words one edit away from each source skeleton (shared vocabulary, both backends)."""
    variants: dict[str, set[str]] = {s: deletions(s) for s in sources}
    wanted = sorted(set().union(*variants.values())) if variants else []
    rows = SearchTerm.objects.filter(variant__in=wanted).values_list("variant", "term") if wanted else []
    by_variant: dict[str, set[str]] = {}
    for variant, term in rows:
        by_variant.setdefault(variant, set()).add(term)
    result = {}
    for source, vs in variants.items():
        found = {
            t for v in vs for t in by_variant.get(v, ()) if t != source and _distance_at_most_one(source, t)
        }
        result[source] = sorted(found)[:MAX_FUZZY]
    return result


@dataclass
class _Group:
    terms: list[str]
    fuzzy: list[str]
    prefix: str
    exact: str
    stems: list[str]

    def __post_init__(self) -> None:
        # Sets, so scoring a row tests each kind of form with one C-level isdisjoint: scoring
        # runs for every candidate row and every reading of every spelling of a name.
        self.term_set = frozenset(self.terms)
        self.stem_set = frozenset(self.stems)
        self.fuzzy_set = frozenset(self.fuzzy)
        self.prefix_key = " " + self.prefix if self.prefix else ""  # found in a row's key text

    def query(self) -> tuple[list[str], str]:
        """(terms, prefix) for the backend: every form the word may take in an entry."""
        return self.terms + self.fuzzy + self.stems, self.prefix


def _plan(parsed: ParsedQuery, *, typos: bool = True) -> list[list[_Group]]:
    """`typos=False` for the other spellings of a name: they are exact forms, not typed."""
    sources = {g.fuzzy_source for r in parsed.readings for g in r.groups if len(g.fuzzy_source) >= FUZZY_MIN}
    fuzzy = _fuzzy(sources) if sources and typos else {}
    return [
        [
            _Group(list(g.terms), fuzzy.get(g.fuzzy_source, []), g.prefix, g.exact, list(g.stems))
            for g in r.groups
        ]
        for r in parsed.readings
    ]


class _RowKeys(NamedTuple):
    """A row's keys, split once for all the readings it is scored against; the texts start
    with a space, so a prefix is found as " " + prefix, one C-level substring search."""

    title: set[str]
    body: set[str]
    exact: set[str]
    title_text: str
    body_text: str


def _group_score(g: _Group, keys: _RowKeys) -> float:
    prefix = g.prefix_key
    if not g.term_set.isdisjoint(keys.title):
        return 11.0 if g.exact and g.exact in keys.exact else 10.0
    if not g.stem_set.isdisjoint(keys.title):
        return 8.0
    if not g.fuzzy_set.isdisjoint(keys.title) or (prefix and prefix in keys.title_text):
        return 6.0
    if not g.term_set.isdisjoint(keys.body):
        return 3.0
    if not g.stem_set.isdisjoint(keys.body):
        return 2.5
    if not g.fuzzy_set.isdisjoint(keys.body) or (prefix and prefix in keys.body_text):
        return 2.0
    return 0.0


def _partial_score(groups: list[_Group], weights: list[float], row: dict) -> float:
    """Score (0, 0.9] of an entry that lacks some of the query's words, 0 when it has too few."""
    keys = _key_sets(row)
    scores = [_group_score(g, keys) for g in groups]
    total = sum(weights)
    found = sum(w for w, s in zip(weights, scores, strict=True) if s > 0)
    if total <= 0 or found <= PARTIAL_SHARE * total:
        return 0.0
    best = sum(w * 11.0 for w in weights)
    return round(0.9 * sum(w * s for w, s in zip(weights, scores, strict=True)) / best, 4)


def _key_sets(row: dict) -> _RowKeys:
    title, body = row["title_keys"], row["body_keys"]
    return _RowKeys(
        set(title.split()), set(body.split()), set(row["title_exact"].split()), " " + title, " " + body
    )


def _score(plan: list[list[_Group]], phrase: str, row: dict, keys: _RowKeys | None = None) -> float:
    keys = keys or _key_sets(row)
    best = 0.0
    for reading in plan:
        scores = []
        for g in reading:  # a reading counts only when every group scores: stop at the first 0
            scores.append(_group_score(g, keys))
            if not scores[-1]:
                break
        if scores and min(scores) > 0:
            best = max(best, sum(scores) / len(scores))
    if best == 0.0:
        return 0.0
    phrases = row["title_phrases"].split("\n") if row["title_phrases"] else []
    if phrase and phrase in phrases:
        best += 100.0
    elif phrase and any(p.startswith(phrase + " ") for p in phrases):
        best += 20.0
    shortest = min((len(p.split()) for p in phrases), default=0)
    return round(best - 0.01 * min(shortest, 50), 4)


def _best_score(plans: list[tuple[list[list[_Group]], str]], row: dict, linked_ids: set[int]) -> float:
    sets = _key_sets(row)
    best = max(_score(plan, phrase, row, sets) for plan, phrase in plans)
    return max(best, LINKED_SCORE) if row["id"] in linked_ids else best


_KEY_COLUMNS = [
    "id",
    "kind",
    "object_id",
    "public",
    "title_keys",
    "body_keys",
    "title_exact",
    "title_phrases",
]


def _rows(sql_columns: list[str], ids: list[int]) -> list[dict]:
    """Plain rows by primary key (raw SQL: the ORM's per-row cost showed in the benchmark)."""
    rows: list[dict] = []
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {', '.join(sql_columns)} FROM {table} WHERE id IN ({marks})", chunk)
            rows += [dict(zip(sql_columns, r, strict=True)) for r in cursor.fetchall()]
    return rows


def _ranked(q: str, kind: str | None, public_only: bool, limit: int) -> list[tuple[float, dict]]:
    if not isinstance(q, str) or (kind is not None and kind not in KINDS) or limit <= 0:
        return []
    parsed = parse_query(q.replace("\x00", " "))
    if not parsed:
        return []
    meta = ([kind_mark(kind)] if kind else []) + (["!" + PRIVATE_MARK] if public_only else [])
    try:
        # On PostgreSQL a savepoint keeps a failed query from breaking the caller's transaction;
        # on SQLite an atomic block would take the write lock (IMMEDIATE mode) for a read.
        guard = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
        with guard:
            plan = _plan(parsed)
            expanded, linked = _expand(q) if _EXPANDERS else ([], [])
            plans = [(plan, parsed.phrase)] + [(_plan(p, typos=False), p.phrase) for p in expanded]
            query = [[g.query() for g in reading] for p, _phrase in plans for reading in p]
            ids = candidates(query, meta, max(CANDIDATES, limit), parsed.phrase)
            linked_ids = set(_linked_ids(linked, kind)) if linked else set()
            rows = _rows(_KEY_COLUMNS, list(dict.fromkeys(ids + sorted(linked_ids))))
            scored = [(_best_score(plans, row, linked_ids), row) for row in rows]
            scored = [(s, r) for s, r in scored if s > 0 and (r["public"] or not public_only)]
            if len(plan[0]) >= 2 and (not scored or (parsed.unsegmented and len(scored) < limit)):
                found = {row["id"] for _s, row in scored}
                partial = _partial(plan[0], meta, min(max(CANDIDATES, limit), PARTIAL_MAX), public_only)
                scored += [(s, row) for s, row in partial if row["id"] not in found]
            scored.sort(key=lambda sr: (-sr[0], sr[1]["kind"], sr[1]["object_id"]))
            return scored[:limit]
    except Exception:  # a search box must never crash a page; the cause goes to the log
        logger.exception("search failed")
        return []


def _partial(groups: list[_Group], meta: list[str], cap: int, public_only: bool) -> list[tuple[float, dict]]:
    """Entries matching most of the query's words, by rarity (module docstring)."""
    ids, weights = partial_candidates([g.query() for g in groups], meta, cap)
    if not ids:
        return []
    scored = [(_partial_score(groups, weights, row), row) for row in _rows(_KEY_COLUMNS, ids)]
    return [(s, r) for s, r in scored if s > 0 and (r["public"] or not public_only)]


def search(
    q: str, *, kind: str | None = None, lang: str = "en", limit: int = 20, public_only: bool = True
) -> list[SearchHit]:
    ranked = _ranked(q, kind, public_only, limit)
    if not ranked:
        return []
    display = {
        row["id"]: row
        for row in SearchEntry.objects.filter(pk__in=[r["id"] for _s, r in ranked]).values(
            "id", "titles", "summaries", "path"
        )
    }
    hits = []
    for score, row in ranked:
        shown = display.get(row["id"])
        if shown is None:  # removed in between
            continue
        title, title_lang = _pick(shown["titles"], lang)
        snippet, _lang = _pick(shown["summaries"], lang)
        hits.append(
            SearchHit(row["kind"], row["object_id"], title, title_lang, shown["path"], snippet, score)
        )
    return hits


def search_ids(q: str, *, kind: str, public_only: bool = True, limit: int | None = None) -> list[str]:
    """Ranked object ids of one kind (combine with ORM facets: `filter(pk__in=...)` + this order)."""
    return [row["object_id"] for _s, row in _ranked(q, kind, public_only, limit or 1000)]

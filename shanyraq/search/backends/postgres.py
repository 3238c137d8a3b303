"""PostgreSQL backend: generated `tsv` column (weight A title keys, D body keys, markers
unweighted) and `title_tsv` (title keys and markers), each with a GIN index. Keys are already
normalized, so the 'simple' configuration only splits them on spaces; the query is written
directly as tsquery lexemes."""

from __future__ import annotations

import re
from contextlib import nullcontext

from django.db import connection, transaction

from shanyraq.search.backends.sql import LEXEME_PATTERN

Query = list[list[tuple[list[str], str]]]
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D (body), C, B, A (titles)


def _quote(term: str, weights: str = "") -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (":" + weights if weights else "")


def _group(terms: list[str], prefix: str) -> str:
    parts = [_quote(t) for t in terms]
    if prefix:
        parts.append(_quote(prefix, "*"))
    return "(" + " | ".join(parts) + ")"


def _covers(wide: tuple[list[str], str], narrow: tuple[list[str], str]) -> bool:
    """Every entry matching the group `narrow` also matches the group `wide`."""
    terms, prefix = wide
    if narrow[1] and not (prefix and narrow[1].startswith(prefix)):
        return False
    return all(t in terms or (prefix and t.startswith(prefix)) for t in narrow[0])


def _implies(narrow: list[tuple[list[str], str]], wide: list[tuple[list[str], str]]) -> bool:
    """Every entry matching the reading `narrow` (all its groups) also matches `wide`."""
    return all(any(_covers(w, n) for n in narrow) for w in wide)


def _needed(readings: Query) -> Query:
    """The readings left when those another reading already matches are dropped: a name's other
    spellings often include its short form alone («Абай»), which every fuller spelling implies,
    and each reading costs a GIN scan. The OR of what is left matches the same entries (of two
    readings that imply each other, the first stays)."""
    return [
        reading
        for i, reading in enumerate(readings)
        if not any(
            _implies(reading, other) and (j < i or not _implies(other, reading))
            for j, other in enumerate(readings)
            if j != i
        )
    ]


PREFIX_TERMS = 32  # a prefix standing for more lexemes than this stays a GIN prefix match


def _lexemes(prefixes: list[str]) -> dict[str, list[str]]:
    """The indexed lexemes each prefix stands for (search_lexeme, migration 0003), for those that
    stand for at most PREFIX_TERMS of them."""
    if not prefixes:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p, l.lexeme FROM unnest(%s::text[]) AS p CROSS JOIN LATERAL (SELECT lexeme"
            ' FROM search_lexeme WHERE lexeme >= p COLLATE "C" AND lexeme < (p || chr(1114111)) COLLATE "C"'
            " ORDER BY lexeme LIMIT %s) AS l",
            [prefixes, PREFIX_TERMS + 1],
        )
        found: dict[str, list[str]] = {p: [] for p in prefixes}
        for prefix, lexeme in cursor.fetchall():
            if lexeme.startswith(prefix):
                found[prefix].append(lexeme)
    return {p: terms for p, terms in found.items() if len(terms) <= PREFIX_TERMS}


def _spelled_out(readings: Query) -> Query:
    """The readings with each prefix replaced by the exact lexemes it matches, when they are few:
    the same entries match, and GIN no longer merges posting lists into a bitmap for it."""
    prefixes = {p for reading in readings for _terms, p in reading if p}
    known = _lexemes(sorted(p for p in prefixes if re.match(LEXEME_PATTERN, p) and not p.startswith("zz")))
    return [
        [
            (terms + [t for t in known[p] if t not in terms], "") if p in known else (terms, p)
            for terms, p in r
        ]
        for r in readings
    ]


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> tuple[str, str, list[str]]:
    """(column, tsquery, one tsquery per reading): title-only queries run on `title_tsv`, the
    others on `tsv`. The whole tsquery is what ts_rank scores; matching tests each reading on its
    own (`_where`), without the readings another one implies, prefixes spelled out."""
    required = [_quote(m) for m in meta if not m.startswith("!")]
    excluded = ["!" + _quote(m[1:]) for m in meta if m.startswith("!")]

    def reading_query(groups) -> str:
        return "(" + " & ".join(_group(t, p) for t, p in groups) + ")"

    ors = [reading_query(groups) for groups in readings]
    whole = " & ".join(["(" + " | ".join(ors) + ")", *required, *excluded])
    needed = _spelled_out(_needed(readings))
    each = list(dict.fromkeys(" & ".join([reading_query(r), *required, *excluded]) for r in needed))
    return ("title_tsv" if titles_only else "tsv"), whole, each


def _where(expr: tuple[str, str, list[str]]) -> tuple[str, list[str]]:
    """One `@@` per reading, ORed: the planner ORs their bitmaps (BitmapOr). GIN skips through
    the posting lists of an AND of words (a rare word bounds the work), but not through an OR of
    several readings: with a name's other spellings ORed into one tsquery it called the tsquery's
    consistent function for every entry that has any of their words (241 ms in the GIN index for
    «silk road treasures» at a million entries). Same rows either way."""
    column, _whole, each = expr
    return "(" + " OR ".join([f"{column} @@ %s::tsquery"] * len(each)) + ")", list(each)


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(expr: tuple[str, str, list[str]], at_most: int) -> int:
    where, params = _where(expr)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM search_searchentry WHERE {where} LIMIT %s) s"
    return _ids(sql, [*params, at_most])[0]


def ranked(expr: tuple[str, str, list[str]], cap: int) -> list[int]:
    column, whole, _each = expr
    where, params = _where(expr)
    rank = f"ts_rank('{WEIGHTS}', {column}, %s::tsquery)"
    sql = f"SELECT id FROM search_searchentry WHERE {where} ORDER BY {rank} DESC, id LIMIT %s"
    return _ids(sql, [*params, whole, cap])


FIRST_WINDOW = 4096  # newest entries read in id order before the GIN index is used
SCAN_MAX = 16384  # a window of at most this many ids is read by the primary key, not GIN
HEAP_READS = 2  # a later window is sized to hold about this many times the matches still wanted


SCAN = {"enable_bitmapscan": "off"}  # the primary key, in id order
BITMAP = {"enable_bitmapscan": "on", "enable_indexscan": "off", "enable_seqscan": "off"}  # GIN AND ids


def _planner(cursor, settings: dict[str, str], also: str = "") -> tuple:
    """Set planner switches for the rest of the transaction, in one round trip with the
    expression `also` if given; returns the previous values (and `also` first)."""
    names = list(settings)
    cursor.execute(
        "SELECT " + "".join([also + ", "] if also else []) + ", ".join("current_setting(%s)" for _ in names) + ", "
        + ", ".join("set_config(%s, %s, true)" for _ in names),
        [*names, *(x for name in names for x in (name, settings[name]))],
    )  # fmt: skip
    row = cursor.fetchone()
    return row[: len(names) + (1 if also else 0)]


def newest(expr: tuple[str, str, list[str]], cap: int) -> list[int]:
    """The `cap` matches with the highest ids, read window by window from the newest id down.

    `ORDER BY id DESC LIMIT n` alone leaves the plan to estimates that are often far off (the
    two bigrams of a Chinese word always occur together, but are estimated as independent), and
    both plans are expensive when wrong: the GIN bitmap reads every match from the heap before
    it sorts (57,000 rows, 160 ms, for 冬不拉 at a million entries), a backward primary-key scan
    reads every entry until enough match. So the newest FIRST_WINDOW ids are read by the primary
    key (a common word is done there, without the GIN index). What they held estimates how dense
    the matches are; the next window of ids is made wide enough for about HEAP_READS times the
    matches still wanted: up to SCAN_MAX ids it is read by the primary key again, wider ones
    through the GIN index ANDed with the id range (a bitmap: only that window's matches are read
    from the heap); then the rest. Same rows as one statement:
    each window gives its newest matches, in order, below the previous one."""
    # The planner switches are set for the transaction (set_config(..., true)) and put back
    # after; outside one they would not last until the next statement.
    guard = nullcontext() if connection.in_atomic_block else transaction.atomic()
    where, params = _where(expr)
    found: list[int] = []
    before: dict[str, str] = {}
    with guard, connection.cursor() as cursor:
        top, *previous = _planner(cursor, SCAN, also="(SELECT coalesce(max(id), 0) FROM search_searchentry)")
        before.update(zip(SCAN, previous, strict=True))
        hi, window, mode = top, FIRST_WINDOW, SCAN
        try:
            while hi > 0 and len(found) < cap:
                wanted = SCAN if window <= SCAN_MAX else BITMAP
                if wanted is not mode:  # one round trip when the plan changes, not every window
                    for name, value in zip(wanted, _planner(cursor, wanted), strict=True):
                        before.setdefault(name, value)
                    mode = wanted
                lo = max(hi - window, 0)
                cursor.execute(
                    f"SELECT id FROM search_searchentry WHERE id > %s AND id <= %s AND {where}"
                    " ORDER BY id DESC LIMIT %s",
                    [lo, hi, *params, cap - len(found)],
                )
                found += [row[0] for row in cursor.fetchall()]
                density = max(len(found), 0.5) / (top - lo)  # matches per id so far (half when none)
                window = int(HEAP_READS * (cap - len(found)) / density) + 1
                hi = lo
        finally:
            _planner(cursor, before)
    return found

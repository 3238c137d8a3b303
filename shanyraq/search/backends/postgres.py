"""PostgreSQL backend: generated `tsv` column (weight A title keys, D body keys, markers
unweighted) and `title_tsv` (title keys and markers), each with a GIN index. Keys are already
normalized, so the 'simple' configuration only splits them on spaces; the query is written
directly as tsquery lexemes."""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction

from shanyraq.search.backends.sql import LEXEME_PATTERN
from shanyraq.search.rows import PRIVATE_MARK

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


class Expression(NamedTuple):
    """What `expression` gives the other functions: the tsvector column, the whole tsquery
    (what ts_rank scores), one tsquery per needed reading (what matching tests), and whether
    only published entries match."""

    column: str
    whole: str
    each: list[str]
    public: bool


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> Expression:
    """Title-only queries run on `title_tsv`, the others on `tsv`. The whole tsquery is what
    ts_rank scores; matching tests each reading on its own (`_where`), without the readings
    another one implies, prefixes spelled out. "Published only" (the private marker excluded) is
    tested on the `public` column, not in the tsquery: a NOT makes GIN read the marker's whole
    posting list for every reading and recheck every match in the heap (a GIN scan of two common
    words took 14 ms with it, 11 ms without, at a million entries); the column says the same, as
    both are written together (rows.py)."""
    private = "!" + PRIVATE_MARK
    required = [_quote(m) for m in meta if not m.startswith("!")]
    excluded = ["!" + _quote(m[1:]) for m in meta if m.startswith("!") and m != private]

    def reading_query(groups) -> str:
        return "(" + " & ".join(_group(t, p) for t, p in groups) + ")"

    ors = [reading_query(groups) for groups in readings]
    ranked_by = [*required, *excluded, *(["!" + _quote(PRIVATE_MARK)] if private in meta else [])]
    whole = " & ".join(["(" + " | ".join(ors) + ")", *ranked_by])
    needed = _spelled_out(_needed(readings))
    each = list(dict.fromkeys(" & ".join([reading_query(r), *required, *excluded]) for r in needed))
    return Expression("title_tsv" if titles_only else "tsv", whole, each, private in meta)


def _published(expr: Expression) -> str:
    return " AND public" if expr.public else ""


def _where(expr: Expression, unseen: bool = False) -> tuple[str, list[str]]:
    """One `@@` per reading, ORed: the planner ORs their bitmaps (BitmapOr). GIN skips through
    the posting lists of an AND of words (a rare word bounds the work), but not through an OR of
    several readings: with a name's other spellings ORed into one tsquery it called the tsquery's
    consistent function for every entry that has any of their words (241 ms in the GIN index for
    «silk road treasures» at a million entries). Same rows either way.

    `unseen`: each tsquery comes from a sub-select, so the planner does not see it and estimates
    its matches at the default share (0.5 % of the rows) instead of multiplying its words' shares
    as if they were independent (`_gin_sql`)."""
    test = f"{expr.column} @@ (SELECT %s::tsquery)" if unseen else f"{expr.column} @@ %s::tsquery"
    ors = " OR ".join([test] * len(expr.each))
    return f"({ors}){_published(expr)}", list(expr.each)


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(expr: Expression, at_most: int) -> int:
    where, params = _where(expr)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM search_searchentry WHERE {where} LIMIT %s) s"
    return _ids(sql, [*params, at_most])[0]


def ranked(expr: Expression, cap: int) -> list[int]:
    where, params = _where(expr)
    rank = f"ts_rank('{WEIGHTS}', {expr.column}, %s::tsquery)"
    sql = f"SELECT id FROM search_searchentry WHERE {where} ORDER BY {rank} DESC, id LIMIT %s"
    return _ids(sql, [*params, expr.whole, cap])


FIRST_WINDOW = 1024  # newest entries read in id order before the GIN index is used
SCAN_MAX = 16384  # a window of at most this many ids is read by the primary key, not GIN
HEAP_READS = 2  # a later window is sized to hold about this many times the matches still wanted


# GIN windows: bitmap scans only. (Raising random_page_cost as well, to make the planner AND the
# id range into the GIN bitmap, was tried: it also made it drop GIN for a bitmap of the id range
# alone, filtering 36,000 rows by the tsquery, 3 times slower at 100,000 entries.)
BITMAP = {"enable_bitmapscan": "on", "enable_indexscan": "off", "enable_seqscan": "off"}
ID_PER_MATCH = 32  # an id of a range bitmap (55 ns) costs about 1/32 of a match read from the heap (2 µs)


def _gin_sql(where: str, and_range: bool) -> str:
    """A window read through the GIN index. `and_range`: the id range as an index condition, so
    only the window's matches are read from the heap (BitmapAnd); without it, `id + 0` keeps the
    range out of the index: every match is read from the heap and filtered, which is cheaper when
    the matches are few for the width of the window (building the range's bitmap costs per id).

    With `and_range` the tsqueries are given unseen (`_where(unseen=True)`): the planner ANDs the
    range in only when it expects many matches, and it multiplies the shares of a query's words,
    which often occur together (the pinyin keys honlou & loumen of 红楼梦: 155 matches estimated,
    11,450 found at a million entries; without the range, 11,303 heap pages were read for the
    window's 467 matches, 18 ms, against 9 ms with it)."""
    ids = "id" if and_range else "id + 0"
    return f"SELECT id FROM search_searchentry WHERE {ids} > %s AND {ids} <= %s AND {where} ORDER BY id DESC LIMIT %s"


_SAVED = "shanyraq.planner"  # where the switches' previous values wait, for the transaction
_SWITCH = (
    f"SELECT set_config('{_SAVED}', concat_ws(','"
    + "".join(f", current_setting('{name}')" for name in BITMAP)
    + "), true)"
    + "".join(f", set_config('{name}', '{value}', true)" for name, value in BITMAP.items())
)
_PUT_BACK = "SELECT " + ", ".join(
    f"set_config('{name}', split_part(current_setting('{_SAVED}'), ',', {i}), true)"
    for i, name in enumerate(BITMAP, 1)
)


def _plain(cursor, sql: str, params: list) -> list[tuple]:
    """Run `sql` as the planner pleases (a window read by the primary key needs no switch)."""
    cursor.execute(sql, params)
    return cursor.fetchall()


def _switched(cursor, sql: str, params: list) -> list[tuple]:
    """Run `sql` with the BITMAP planner switches, put back to what they were right after it.

    The three statements go in one round trip (the switches were two round trips of their own
    per `newest`, a tenth of a search's statements), which Django's default client-side
    binding allows: psycopg sends them as one simple query, one implicit transaction when none
    is open, so the local settings hold for the statement, and the previous values wait in a
    custom setting. With server-side binding (OPTIONS server_side_binding) they go one by one.
    If the statement fails, its transaction or savepoint is rolled back, which puts the
    switches back too."""
    from psycopg import ClientCursor  # the PostgreSQL driver, present when this backend runs

    if isinstance(cursor.cursor, ClientCursor):
        cursor.execute(f"{_SWITCH}; {sql}; {_PUT_BACK}", params)
        cursor.nextset()
        rows = cursor.fetchall()
        cursor.nextset()
        return rows
    with nullcontext() if connection.in_atomic_block else transaction.atomic():
        cursor.execute(_SWITCH)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute(_PUT_BACK)
    return rows


def _row_test(expr: Expression) -> tuple[str, list[str]]:
    """The match as one tsquery (the readings ORed), for windows read by the primary key, where
    it is tested row by row: one `@@` per row instead of one per reading (a quarter less time for
    a name of seven spellings)."""
    return f"{expr.column} @@ %s::tsquery{_published(expr)}", [" | ".join(f"({r})" for r in expr.each)]


def _scan_sql(test: str) -> str:
    """A window read by the primary key: `IS TRUE` makes the match a condition no index can
    answer, so the planner has nothing to choose but the id range (the window is small), and
    no planner switch (no round trip) is needed."""
    return (
        f"SELECT id FROM search_searchentry WHERE id > %s AND id <= %s AND ({test}) IS TRUE"
        " ORDER BY id DESC LIMIT %s"
    )


def _first_window(cursor, test: str, params: list, cap: int) -> tuple[int, list[int]]:
    """The highest id and the matches among the newest FIRST_WINDOW ids, in one round trip."""
    cursor.execute(
        "SELECT t.top, e.id FROM (SELECT coalesce(max(id), 0) AS top FROM search_searchentry) t"
        " LEFT JOIN LATERAL (SELECT id FROM search_searchentry WHERE id > t.top - %s AND id <= t.top"
        f" AND ({test}) IS TRUE ORDER BY id DESC LIMIT %s) e ON true ORDER BY e.id DESC",
        [FIRST_WINDOW, *params, cap],
    )
    rows = cursor.fetchall()
    return rows[0][0], [row[1] for row in rows if row[1] is not None]


@dataclass
class _Windows:
    """Where the reading of windows stands: the match as a row test (with its parameters,
    built once) and the expression, the highest id, the top of the next window, the matches
    found so far (newest first) and how many are wanted."""

    test: tuple[str, list[str]]
    expr: Expression
    top: int
    hi: int
    found: list[int]
    cap: int

    def more(self) -> bool:
        return self.hi > 0 and len(self.found) < self.cap

    def density(self) -> float:
        """Matches per id in the ids read so far (half a match when none)."""
        return max(len(self.found), 0.5) / max(self.top - self.hi, 1)

    def width(self) -> int:
        """Ids the next window spans: about HEAP_READS times the matches still wanted."""
        return int(HEAP_READS * (self.cap - len(self.found)) / self.density()) + 1

    def read(self, cursor) -> None:
        """Window after window until enough matches or no ids are left."""
        while self.more():
            window = self.width()
            if window <= SCAN_MAX:
                test, params = self.test
                sql, run = _scan_sql(test), _plain
            else:  # all matches (at the density seen so far) against the ids of the window
                and_range = self.density() * self.top * ID_PER_MATCH > window
                where, params = _where(self.expr, unseen=and_range)
                sql, run = _gin_sql(where, and_range), _switched
                if not and_range:  # every match is read from the heap anyway: take all the ids left
                    window = self.hi
            lo = max(self.hi - window, 0)
            rows = run(cursor, sql, [lo, self.hi, *params, self.cap - len(self.found)])
            self.found += [row[0] for row in rows]
            self.hi = lo


def newest(expr: Expression, cap: int) -> list[int]:
    """The `cap` matches with the highest ids, read window by window from the newest id down.

    `ORDER BY id DESC LIMIT n` alone leaves the plan to estimates that are often far off (the
    two bigrams of a Chinese word always occur together, but are estimated as independent), and
    both plans are expensive when wrong: the GIN bitmap reads every match from the heap before
    it sorts (57,000 rows, 160 ms, for 冬不拉 at a million entries), a backward primary-key scan
    reads every entry until enough match. So the newest FIRST_WINDOW ids are read by the primary
    key (a common word is done there, without the GIN index). What they held estimates how dense
    the matches are; the next window of ids is made wide enough for about HEAP_READS times the
    matches still wanted: up to SCAN_MAX ids it is read by the primary key again, wider ones
    through the GIN index with the id range (bitmap scans only, `_switched`); then the rest.
    Same rows as one statement: each window gives its newest matches, in order, below the
    previous one."""
    test = _row_test(expr)
    with connection.cursor() as cursor:
        top, found = _first_window(cursor, *test, cap)
        windows = _Windows(test, expr, top=top, hi=max(top - FIRST_WINDOW, 0), found=found, cap=cap)
        windows.read(cursor)
    return windows.found

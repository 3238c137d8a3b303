"""Index backends: one interface, chosen by the database vendor.

A backend only finds candidates; the final order is computed in Python from the stored keys
(selectors.py), so both backends give the same answers whenever the candidates are the same,
which they are whenever the matches fit under the caps below.

A query is a list of readings (OR); a reading is a list of groups (AND); a group is a list of
terms (OR) plus an optional prefix; `meta` lists marker tokens an entry must have, or must not
have when written with a leading "!". Each backend module provides `expression(readings, meta,
titles_only=False)`, `count(expr, at_most)`, `ranked(expr, cap)` (bm25 with column weights on
SQLite FTS5, ts_rank with weights on PostgreSQL) and `newest(expr, cap)` (highest ids first).

Candidate selection (`candidates`) is built so that a very common word never makes the database
rank every match: counts are bounded (the length of a bounded newest-first list), the database
ranks at most RANK_MAX matches, and beyond that the title matches (ranked when few, else the
newest) come first, then the newest others. When every match fits under the cap, they are all
taken unranked: the final order is decided by the scoring in Python anyway, and database ranking
is not free (FTS5's bm25 counts the rows of every phrase in the query, markers included, and the
kind marker is in nearly every row: ~30 ms at a million entries). Exact title matches are
always candidates: every title and name is also indexed as one phrase marker token, found by a
single index lookup.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db import connection

from shanyraq.search.rows import phrase_mark

DF_CAP = 301  # a word's entry count is counted up to this (IDF of common words is then a floor)
LEAVE_ONE_OUT = 6  # up to this many words, a partial answer first looks for all words but one
PARTIAL_GROUPS = 4  # candidates of a partial match come from the rarest words of the query
RANK_MAX = 300  # bm25 costs ~10 µs a row on this machine; ranking 300 rows stays under 5 ms


def backend_name() -> str:
    override = (getattr(settings, "SHANYRAQ", None) or {}).get("SEARCH_BACKEND")
    if override:
        return override
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def get_backend():
    if backend_name() == "postgresql":
        from shanyraq.search.backends import postgres

        return postgres
    from shanyraq.search.backends import sqlite

    return sqlite


def candidates(readings, meta: list[str], cap: int, phrase: str = "") -> list[int]:
    """The newest RANK_MAX + 1 matches come in one statement: their number is the bounded count
    and their head is the "newest" list, so a common query costs two index lookups (all keys,
    then titles) instead of four (a count and a fetch of each). Same candidates as counting first:
    `newest(expr, n)[:cap] == newest(expr, cap)`, ids being unique."""
    backend = get_backend()
    exact: list[int] = []
    if phrase:
        exact = backend.newest(backend.expression([[([phrase_mark(phrase)], "")]], meta), cap)
    full = backend.expression(readings, meta)
    enough = max(RANK_MAX + 1, cap)  # the bounded count, and every id a caller may take
    head = backend.newest(full, enough)
    if len(head) <= RANK_MAX:
        ranked = head[:cap] if len(head) <= cap else backend.ranked(full, cap)
    else:
        titles = backend.expression(readings, meta, titles_only=True)
        title_head = backend.newest(titles, enough)
        if cap < len(title_head) <= RANK_MAX:
            ranked = backend.ranked(titles, cap)
        else:  # none (then the newest of all), all of them, or more than RANK_MAX: the newest
            ranked = title_head[:cap] or head[:cap]
        if len(ranked) < cap:  # few title matches: fill with the newest other matches
            ranked += head[:cap]
    return list(dict.fromkeys(exact + ranked))[: cap + len(exact)]


def partial_candidates(groups, meta: list[str], cap: int) -> tuple[list[int], list[float]]:
    """For a query no entry fully matches: each word's weight (IDF, 0 for a word no entry has)
    and candidates, best first: the entries having every word that some entry has (a misspelled
    name dropped), else every word but one (up to LEAVE_ONE_OUT words), else any of the rarest
    words. Counts are bounded by DF_CAP, so a common word costs at most that many index rows;
    its weight is then the floor ln(1 + N/DF_CAP)."""
    backend = get_backend()
    exprs = [backend.expression([[group]], meta) for group in groups]
    # Each word's newest DF_CAP entries: their number is its bounded count (as in `candidates`).
    heads = [backend.newest(expr, DF_CAP) for expr in exprs]
    counts = [len(head) for head in heads]
    if not any(counts):
        return [], [0.0] * len(groups)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_searchentry")
        total = cursor.fetchone()[0] or 1
    weights = [math.log(1 + total / n) if n else 0.0 for n in counts]
    known = [i for i, n in enumerate(counts) if n]
    subsets = [known] if len(known) < len(groups) else []
    if 3 <= len(known) <= LEAVE_ONE_OUT:
        # Leaving out the commonest word first: that subset keeps the most weight.
        subsets += [[i for i in known if i != left] for left in sorted(known, key=lambda i: -counts[i])]
    ids: list[int] = []
    for subset in subsets:
        if len(subset) < 2:
            continue
        expr = backend.expression([[groups[i] for i in subset]], meta)
        head = backend.newest(expr, max(RANK_MAX + 1, cap))
        # Ranked only when the database ranks at most RANK_MAX rows; beyond, the newest.
        ids += backend.ranked(expr, cap) if cap < len(head) <= RANK_MAX else head[:cap]
        if (subset is known and ids) or len(ids) >= cap:
            break  # enough, from the subsets that keep the most weight
    if not ids:
        found = sorted((counts[i], i) for i in known)
        # Words in DF_CAP entries or more (и, the, 的) add weight but no candidates of their own.
        rarest = [(n, i) for n, i in found if n < DF_CAP][:PARTIAL_GROUPS] or found[:1]
        for n, i in rarest:
            # All when they fit, ranked when at most RANK_MAX (bounded cost), else the newest.
            newest = heads[i][:cap] if cap <= DF_CAP else backend.newest(exprs[i], cap)
            ids += backend.ranked(exprs[i], cap) if cap < n <= RANK_MAX else newest
    return list(dict.fromkeys(ids)), weights

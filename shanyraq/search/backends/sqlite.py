"""SQLite FTS5 backend: `search_fts` external-content table over SearchEntry's key columns."""

from __future__ import annotations

from django.db import connection

Query = list[list[tuple[list[str], str]]]  # readings -> groups -> (terms, prefix)
BM25 = "bm25(search_fts, 10.0, 1.0, 0.0)"  # title keys, body keys, markers


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _group(terms: list[str], prefix: str) -> str:
    parts = [_quote(t) for t in terms]
    if prefix:
        parts.append(_quote(prefix) + "*")
    return "(" + " OR ".join(parts) + ")"


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> str:
    ors = ["(" + " AND ".join(_group(t, p) for t, p in groups) + ")" for groups in readings]
    body = "(" + " OR ".join(ors) + ")"
    if titles_only:
        body = "{title_keys} : " + body
    expr = " AND ".join([body, *(_quote(m) for m in meta if not m.startswith("!"))])
    excluded = [_quote(m[1:]) for m in meta if m.startswith("!")]
    return "(" + expr + ")" + "".join(" NOT " + e for e in excluded)


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(expr: str, at_most: int) -> int:
    sql = "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s)"
    return _ids(sql, [expr, at_most])[0]


def ranked(expr: str, cap: int) -> list[int]:
    sql = f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY {BM25}, rowid LIMIT %s"
    return _ids(sql, [expr, cap])


def newest(expr: str, cap: int) -> list[int]:
    return _ids(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s", [expr, cap]
    )

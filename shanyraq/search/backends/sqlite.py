"""SQLite FTS5 backend: `search_fts` external-content table over SearchEntry's key columns."""

from __future__ import annotations

from django.db import connection

from shanyraq.search.backends import PROBE

Query = list[list[tuple[list[str], str]]]  # readings -> groups -> (terms, prefix)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _group(terms: list[str], prefix: str) -> str:
    parts = [_quote(t) for t in terms]
    if prefix:
        parts.append(_quote(prefix) + "*")
    return "(" + " OR ".join(parts) + ")"


def expression(readings: Query, meta: list[str], column: str | None = None) -> str:
    ors = ["(" + " AND ".join(_group(t, p) for t, p in groups) + ")" for groups in readings]
    body = "(" + " OR ".join(ors) + ")"
    if column:
        body = "{" + column + "} : " + body
    if meta:
        body = " AND ".join([body, *(_quote(m) for m in meta)])
    return body


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def candidates(readings: Query, meta: list[str], cap: int) -> list[int]:
    full = expression(readings, meta)
    probe = _ids("SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s", [full, PROBE + 1])
    if len(probe) <= PROBE:
        return _ids(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
            " ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), rowid LIMIT %s",
            [full, cap],
        )
    titles = expression(readings, meta, column="title_keys")
    probe = _ids("SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s", [titles, PROBE + 1])
    if 0 < len(probe) <= PROBE:
        return _ids(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
            " ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), rowid LIMIT %s",
            [titles, cap],
        )
    source = titles if probe else full
    return _ids(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s", [source, cap]
    )

"""SQLite FTS5 backend: `search_fts` external-content table over SearchEntry's key columns."""

from __future__ import annotations

from django.db import connection

from shanyraq.search.rows import kind_mark

Query = list[list[tuple[list[str], str]]]  # readings -> groups -> (terms, prefix)
BM25 = "bm25(search_fts, 10.0, 1.0, 0.0)"  # title keys, body keys, markers


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _group(terms: list[str], prefix: str) -> str:
    parts = [_quote(t) for t in terms]
    if prefix:
        parts.append(_quote(prefix) + "*")
    return "(" + " OR ".join(parts) + ")"


def _kind_of(mark: str) -> str | None:
    """The kind a kind marker stands for (kind_mark("record") == "zzkrecord"), else None."""
    kind = mark[3:] if mark.startswith("zzk") else ""
    return kind if kind and kind_mark(kind) == mark else None


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> tuple[str, str | None]:
    """(MATCH expression, kind or None). A required kind marker becomes a filter on the entry's
    kind column instead of a MATCH term: when one kind fills most of the index (a million library
    records), ANDing its marker's doclist costs 5-15 ms per statement, the join a few µs per match."""
    ors = ["(" + " AND ".join(_group(t, p) for t, p in groups) + ")" for groups in readings]
    body = "(" + " OR ".join(ors) + ")"
    if titles_only:
        body = "{title_keys} : " + body
    required = [m for m in meta if not m.startswith("!")]
    kinds = [k for k in map(_kind_of, required) if k]
    kind = kinds[0] if len(kinds) == 1 else None
    if kind:
        required = [m for m in required if _kind_of(m) != kind]
    expr = " AND ".join([body, *(_quote(m) for m in required)])
    excluded = [_quote(m[1:]) for m in meta if m.startswith("!")]
    return "(" + expr + ")" + "".join(" NOT " + e for e in excluded), kind


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _matching(expr: tuple[str, str | None]) -> tuple[str, list]:
    match, kind = expr
    if kind is None:
        return "SELECT search_fts.rowid FROM search_fts WHERE search_fts MATCH %s", [match]
    return (
        "SELECT search_fts.rowid FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
        " WHERE search_fts MATCH %s AND e.kind = %s",
        [match, kind],
    )


def count(expr: tuple[str, str | None], at_most: int) -> int:
    sql, params = _matching(expr)
    return _ids(f"SELECT count(*) FROM ({sql} LIMIT %s)", [*params, at_most])[0]


def ranked(expr: tuple[str, str | None], cap: int) -> list[int]:
    sql, params = _matching(expr)
    return _ids(f"{sql} ORDER BY {BM25}, search_fts.rowid LIMIT %s", [*params, cap])


def newest(expr: tuple[str, str | None], cap: int) -> list[int]:
    sql, params = _matching(expr)
    return _ids(f"{sql} ORDER BY search_fts.rowid DESC LIMIT %s", [*params, cap])

"""PostgreSQL backend: generated `tsv` column (weight A title keys, D body keys, markers
unweighted) with a GIN index. Keys are already normalized, so the 'simple' configuration
only splits them on spaces; the query is written directly as tsquery lexemes."""

from __future__ import annotations

from django.db import connection

Query = list[list[tuple[list[str], str]]]
RANK = "ts_rank('{0.1, 0.2, 0.4, 1.0}', tsv, %s::tsquery)"  # weights D, C, B, A


def _quote(term: str, weights: str = "") -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (":" + weights if weights else "")


def _group(terms: list[str], prefix: str, weights: str) -> str:
    parts = [_quote(t, weights) for t in terms]
    if prefix:
        parts.append(_quote(prefix, "*" + weights))
    return "(" + " | ".join(parts) + ")"


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> str:
    weights = "A" if titles_only else ""
    ors = ["(" + " & ".join(_group(t, p, weights) for t, p in groups) + ")" for groups in readings]
    required = [_quote(m) for m in meta if not m.startswith("!")]
    excluded = ["!" + _quote(m[1:]) for m in meta if m.startswith("!")]
    return " & ".join(["(" + " | ".join(ors) + ")", *required, *excluded])


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(expr: str, at_most: int) -> int:
    sql = "SELECT count(*) FROM (SELECT 1 FROM search_searchentry WHERE tsv @@ %s::tsquery LIMIT %s) s"
    return _ids(sql, [expr, at_most])[0]


def ranked(expr: str, cap: int) -> list[int]:
    sql = f"SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery ORDER BY {RANK} DESC, id LIMIT %s"
    return _ids(sql, [expr, expr, cap])


def newest(expr: str, cap: int) -> list[int]:
    sql = "SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery ORDER BY id DESC LIMIT %s"
    return _ids(sql, [expr, cap])

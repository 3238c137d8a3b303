"""PostgreSQL backend: generated `tsv` column (weight A title keys, D body keys, markers
unweighted) and `title_tsv` (title keys and markers), each with a GIN index. Keys are already
normalized, so the 'simple' configuration only splits them on spaces; the query is written
directly as tsquery lexemes."""

from __future__ import annotations

from django.db import connection

Query = list[list[tuple[list[str], str]]]
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D (body), C, B, A (titles)


def _quote(term: str, weights: str = "") -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (":" + weights if weights else "")


def _group(terms: list[str], prefix: str) -> str:
    parts = [_quote(t) for t in terms]
    if prefix:
        parts.append(_quote(prefix, "*"))
    return "(" + " | ".join(parts) + ")"


def expression(readings: Query, meta: list[str], titles_only: bool = False) -> tuple[str, str]:
    """(column, tsquery): title-only queries run on `title_tsv`, the others on `tsv`."""
    ors = ["(" + " & ".join(_group(t, p) for t, p in groups) + ")" for groups in readings]
    required = [_quote(m) for m in meta if not m.startswith("!")]
    excluded = ["!" + _quote(m[1:]) for m in meta if m.startswith("!")]
    return ("title_tsv" if titles_only else "tsv"), " & ".join(
        ["(" + " | ".join(ors) + ")", *required, *excluded]
    )


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(expr: tuple[str, str], at_most: int) -> int:
    column, query = expr
    sql = f"SELECT count(*) FROM (SELECT 1 FROM search_searchentry WHERE {column} @@ %s::tsquery LIMIT %s) s"
    return _ids(sql, [query, at_most])[0]


def ranked(expr: tuple[str, str], cap: int) -> list[int]:
    column, query = expr
    rank = f"ts_rank('{WEIGHTS}', {column}, %s::tsquery)"
    sql = f"SELECT id FROM search_searchentry WHERE {column} @@ %s::tsquery ORDER BY {rank} DESC, id LIMIT %s"
    return _ids(sql, [query, query, cap])


def newest(expr: tuple[str, str], cap: int) -> list[int]:
    column, query = expr
    sql = f"SELECT id FROM search_searchentry WHERE {column} @@ %s::tsquery ORDER BY id DESC LIMIT %s"
    return _ids(sql, [query, cap])

"""PostgreSQL backend: generated `tsv` column (weights A title, D body) with a GIN index.

Keys are turned into lexemes with array_to_tsvector, not a text-search parser, and the query is
written as tsquery lexemes, so PostgreSQL sees exactly the tokens the normalizer produced.
"""

from __future__ import annotations

from django.db import connection

from shanyraq.search.backends import PROBE

Query = list[list[tuple[list[str], str]]]
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def _quote(term: str, weights: str = "") -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (":" + weights if weights else "")


def _group(terms: list[str], prefix: str, weights: str) -> str:
    parts = [_quote(t, weights) for t in terms]
    if prefix:
        parts.append(_quote(prefix, "*" + weights))
    return "(" + " | ".join(parts) + ")"


def expression(readings: Query, meta: list[str], weights: str = "") -> str:
    ors = ["(" + " & ".join(_group(t, p, weights) for t, p in groups) + ")" for groups in readings]
    return " & ".join(["(" + " | ".join(ors) + ")", *(_quote(m) for m in meta)])


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def candidates(readings: Query, meta: list[str], cap: int) -> list[int]:
    full = expression(readings, meta)
    probe = _ids("SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery LIMIT %s", [full, PROBE + 1])
    ranked = (
        f"SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery"
        f" ORDER BY ts_rank('{WEIGHTS}', tsv, %s::tsquery) DESC, id LIMIT %s"
    )
    if len(probe) <= PROBE:
        return _ids(ranked, [full, full, cap])
    titles = expression(readings, meta, weights="A")
    probe = _ids("SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery LIMIT %s", [titles, PROBE + 1])
    if 0 < len(probe) <= PROBE:
        return _ids(ranked, [titles, titles, cap])
    source = titles if probe else full
    return _ids(
        "SELECT id FROM search_searchentry WHERE tsv @@ %s::tsquery ORDER BY id DESC LIMIT %s", [source, cap]
    )

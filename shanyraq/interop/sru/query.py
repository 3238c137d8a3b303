"""CQL queries over the library, parsed by cql-parser and answered by the cross-script search.

A search clause asks the search index (`search_ids`: every script, pinyin, transliteration, what
the normalizer and the index know) for ranked candidates; a clause on a field index (title,
author, subject) then keeps the candidates whose field holds every search key of the term, so
`title=abai` does not return a book that only names Abai in a note. `isbn` is an exact lookup
(ISBN-10 and ISBN-13 are the same book). Booleans combine ranked lists: `and` and `not` keep the
left list's order, `or` appends the right list's new ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import cql
from cql.parser import CQLParserError, CQLSearchClause, CQLTriple

from shanyraq.library.marc.common import isbn_pair
from shanyraq.library.models import Record
from shanyraq.library.selectors import id_set, records_public
from shanyraq.search.normalizer import text_keys
from shanyraq.search.selectors import search_ids

# Candidates one clause takes from the index; numberOfRecords is a minimum when one clause fills it.
CLAUSE_CAP = 1000
# index name (with or without its context set) -> our field
INDEXES = {
    "title": "title",
    "dc.title": "title",
    "bath.title": "title",
    "author": "author",
    "creator": "author",
    "dc.creator": "author",
    "bath.author": "author",
    "bath.name": "author",
    "subject": "subject",
    "dc.subject": "subject",
    "bath.subject": "subject",
    "isbn": "isbn",
    "bath.isbn": "isbn",
    "dc.identifier": "isbn",
    "any": "any",
    "cql.anywhere": "any",
    "cql.serverchoice": "any",
    "cql.keywords": "any",
    "serverchoice": "any",
    "anywhere": "any",
    "keywords": "any",
}
# Relations: "=" and "all" want every word, "any" one of them; "adj" and "==" a phrase, which the
# index answers as all words (it ranks the exact phrase first).
RELATIONS = {"=", "all", "any", "adj", "=="}


class Diagnostic(Exception):
    """An SRU diagnostic: info:srw/diagnostic/1/<number>, with details (the offending part)."""

    def __init__(self, number: int, details: str, message: str):
        super().__init__(message)
        self.number = number
        self.details = details
        self.message = message


@dataclass
class Result:
    ids: list[int]
    exact: bool  # False when a clause reached CLAUSE_CAP: the count is then a minimum


def parse(query: str):
    if not query.strip():
        raise Diagnostic(7, "query", "Mandatory parameter not supplied.")
    try:
        parsed = cql.parse(query)
    except (CQLParserError, Exception) as error:  # noqa: BLE001 - the lexer raises its own kinds too
        raise Diagnostic(10, query[:200], "Query syntax error.") from error
    if parsed is None:
        raise Diagnostic(10, query[:200], "Query syntax error.")
    check_size(parsed.root)
    return parsed.root


# Clauses in one query (each is an index search): more is diagnostic 38, which also bounds the
# depth `evaluate` recurses to.
MAX_CLAUSES = 20
# Words of one `any` clause, each its own index search.
MAX_ANY_WORDS = 10


def check_size(root) -> None:
    clauses, stack = 0, [root]
    while stack:
        node = stack.pop()
        if isinstance(node, CQLTriple):
            stack += [node.left, node.right]
        else:
            clauses += 1
    if clauses > MAX_CLAUSES:
        raise Diagnostic(38, str(MAX_CLAUSES), "Too many boolean operators in query.")


def evaluate(node) -> Result:
    if isinstance(node, CQLTriple):
        operator = node.operator.value.lower()
        if node.operator.modifiers:
            raise Diagnostic(46, operator, "Unsupported boolean modifier.")
        if operator not in ("and", "or", "not"):
            raise Diagnostic(37, operator, "Unsupported boolean operator.")
        left, right = evaluate(node.left), evaluate(node.right)
        exact = left.exact and right.exact
        right_ids = set(right.ids)
        if operator == "and":
            return Result([i for i in left.ids if i in right_ids], exact)
        if operator == "not":
            return Result([i for i in left.ids if i not in right_ids], exact)
        seen = set(left.ids)
        return Result(left.ids + [i for i in right.ids if i not in seen], exact)
    if isinstance(node, CQLSearchClause):
        return _clause(node)
    raise Diagnostic(10, str(node)[:200], "Query syntax error.")


def _clause(clause: CQLSearchClause) -> Result:
    index_name = str(clause.index).lower() if clause.index is not None else "cql.serverchoice"
    field = INDEXES.get(index_name)
    if field is None:
        raise Diagnostic(16, str(clause.index), "Unsupported index.")
    relation = str(clause.relation.comparitor).lower() if clause.relation is not None else "="
    if relation not in RELATIONS:
        raise Diagnostic(19, relation, "Unsupported relation.")
    if clause.relation is not None and clause.relation.modifiers:
        raise Diagnostic(20, str(clause.relation.modifiers[0]), "Unsupported relation modifier.")
    term = (clause.term or "").strip()
    if not term:
        raise Diagnostic(27, index_name, "Empty term unsupported.")
    if field == "isbn":
        return _isbn(term)
    if field == "any" and term == "*":
        ids = list(
            records_public().order_by("-created_at", "-pk").values_list("pk", flat=True)[: CLAUSE_CAP + 1]
        )
        return Result(ids[:CLAUSE_CAP], len(ids) <= CLAUSE_CAP)
    units = term.split()[:MAX_ANY_WORDS] if relation == "any" else [term]
    ids: list[int] = []
    exact = True
    for unit in units:
        found = [int(i) for i in search_ids(unit, kind="record", limit=CLAUSE_CAP + 1)]
        exact = exact and len(found) <= CLAUSE_CAP
        found = found[:CLAUSE_CAP]
        if field != "any":
            found = _in_field(found, field, unit)
        seen = set(ids)
        ids += [i for i in found if i not in seen]
    return Result(ids, exact)


def _isbn(term: str) -> Result:
    thirteen, ten = isbn_pair(term)
    if not thirteen:
        return Result([], True)
    qs = records_public().filter(isbn13=thirteen) | records_public().filter(isbn10=ten or "-")
    return Result(list(qs.order_by("pk").values_list("pk", flat=True)), True)


def _field_text(record: Record, field: str) -> str:
    if field == "title":
        parallel = [v for pair in record.parallel or [] for k, v in pair.items() if k != "tag" and v]
        return " ".join([record.title, record.title_romanized, record.subtitle, *parallel])
    if field == "author":
        return " ".join(n for c in record.contributors.all() for n in (c.name, c.name_parallel) if n)
    return " ".join(s.heading for s in record.subjects.all())


def _in_field(ids: list[int], field: str, term: str) -> list[int]:
    """The ids, in order, whose field holds every match key of the term."""
    wanted = set(text_keys(term).match)
    if not wanted or not ids:
        return []
    qs = Record.objects.filter(pk__in=id_set(ids)).only(
        "pk", "title", "title_romanized", "subtitle", "parallel"
    )
    if field == "author":
        qs = qs.prefetch_related("contributors")
    elif field == "subject":
        qs = qs.prefetch_related("subjects")
    keep = {r.pk for r in qs if wanted <= set(text_keys(_field_text(r, field)).match)}
    return [i for i in ids if i in keep]

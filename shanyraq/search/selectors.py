"""Query the index. Never raises on user input."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from shanyraq.search.models import SearchEntry
from shanyraq.search.normalizer import keys

KINDS = ["artifact", "exhibition", "record", "program", "space", "page"]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: str
    title: str
    title_lang: str
    path: str
    snippet: str
    score: float


def _pick(values: dict, lang: str) -> tuple[str, str]:
    if values.get(lang):
        return values[lang], lang
    if values.get(""):
        return values[""], lang
    for code, text in values.items():
        if text:
            return text, code
    return "", lang


def search(
    q: str, *, kind: str | None = None, lang: str = "en", limit: int = 20, public_only: bool = True
) -> list[SearchHit]:
    words = keys(q)[:20]
    if not words:
        return []
    qs = SearchEntry.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if public_only:
        qs = qs.filter(public=True)
    for w in words:
        qs = qs.filter(Q(title_keys__contains=w) | Q(body_keys__contains=w))
    hits = []
    for e in qs[:limit]:
        title, title_lang = _pick(e.titles, lang)
        snippet, _l = _pick(e.summaries, lang)
        hits.append(SearchHit(e.kind, e.object_id, title, title_lang, e.path, snippet, 1.0))
    return hits


def search_ids(q: str, *, kind: str, public_only: bool = True, limit: int | None = None) -> list[str]:
    return [h.object_id for h in search(q, kind=kind, public_only=public_only, limit=limit or 10_000)]

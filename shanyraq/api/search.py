"""GET /api/v1/search: the same ranked search the site's search box uses."""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema

from shanyraq.api.inputs import READ_ERRORS, FreeQuery
from shanyraq.core import languages
from shanyraq.search.selectors import KINDS, search

router = Router()

MAX_LIMIT = 100


class SearchResult(Schema):
    kind: str
    id: str
    title: str
    title_lang: str
    url: str
    snippet: str


LimitQuery = Query(20, ge=1, le=MAX_LIMIT)
Kind = Literal[tuple(KINDS)]
Lang = Literal[tuple(settings.LANGUAGE_CODES)]


@router.get("", response={200: list[SearchResult], **READ_ERRORS}, summary="Search everything, in any script")
def search_endpoint(
    request: HttpRequest,
    q: str = FreeQuery,
    kind: Kind | None = None,
    lang: Lang | None = None,
    limit: int = LimitQuery,
):
    """Cross-script search: Kazakh (Cyrillic, Latin, Arabic script), Russian, Chinese (characters
    or pinyin) and English queries meet records written in any of them. `lang` chooses the
    language of titles and snippets (zh-hans, en, kk, ru); results are ranked, exact titles first."""
    code = lang or languages.current()
    hits = search(q, kind=kind or None, lang=code, limit=limit)
    return [
        SearchResult(
            kind=h.kind,
            id=h.object_id,
            title=h.title,
            title_lang=h.title_lang,
            url=f"/{code}{h.path}" if h.path else "",
            snippet=h.snippet,
        )
        for h in hits
    ]

"""GET /api/v1/search: the same ranked search the site's search box uses."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from shanyraq.api.inputs import READ_ERRORS
from shanyraq.core import languages
from shanyraq.search import messages
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


@router.get("", response={200: list[SearchResult], **READ_ERRORS}, summary="Search everything, in any script")
def search_endpoint(
    request: HttpRequest,
    q: str = "",
    kind: str | None = None,
    lang: str | None = None,
    limit: int = LimitQuery,
):
    """Cross-script search: Kazakh (Cyrillic, Latin, Arabic script), Russian, Chinese (characters
    or pinyin) and English queries meet records written in any of them. `lang` chooses the
    language of titles and snippets (zh-hans, en, kk, ru); results are ranked, exact titles first."""
    code = languages.normalize(lang) if lang else languages.current()
    if code is None:
        raise HttpError(400, messages.unknown_language(lang or ""))
    if kind and kind not in KINDS:
        raise HttpError(400, messages.unknown_kind(kind))
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, messages.bad_limit(MAX_LIMIT))
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

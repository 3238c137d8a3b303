"""GET /api/v1/search: the same ranked search the site's search box uses."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

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


@router.get("", response=list[SearchResult], summary="Search everything, in any script")
def search_endpoint(
    request: HttpRequest, q: str = "", kind: str | None = None, lang: str | None = None, limit: int = 20
):
    code = (
        languages.normalize(lang)
        if lang
        else (languages.normalize(translation.get_language()) or settings.LANGUAGE_CODE)
    )
    if lang and (code is None or lang != code):
        raise HttpError(400, _("Unknown language code: %(code)s") % {"code": lang})
    if kind and kind not in KINDS:
        raise HttpError(400, _("Unknown kind: %(kind)s") % {"kind": kind})
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, _("limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT})
    hits = search(q, kind=kind, lang=code, limit=limit)
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

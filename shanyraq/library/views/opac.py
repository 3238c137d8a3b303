"""The public catalogue (OPAC): search in any script, facets, record pages."""

from __future__ import annotations

import json

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from shanyraq.core import links
from shanyraq.library import selectors
from shanyraq.library.labels import bcp47
from shanyraq.library.models import Hold, Record


def _int(value, default=1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def opac(request):
    params = {
        "q": request.GET.get("q", "")[:200],
        "language": request.GET.get("language", "")[:3],
        "year": request.GET.get("year", "")[:4],
        "subject": request.GET.get("subject", "")[:300],
        "format": request.GET.get("format", "")[:10],
        "available": request.GET.get("available") == "1",
    }
    result = selectors.opac_search(**params, page=_int(request.GET.get("page")))
    formats = dict(Record.Format.choices)
    return render(
        request,
        "library/opac.html",
        {
            "params": params,
            "result": result,
            "formats": formats,
            "query": params["q"],
            "filtered": any(v for k, v in params.items() if k != "q"),
        },
    )


def jsonld(record: Record, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": record.title,
        "url": url,
        "inLanguage": bcp47(record.language) or record.language or None,
        "author": [
            {"@type": "Person", "name": c.name} for c in record.contributors.all() if c.role == "author"
        ],
        "publisher": {"@type": "Organization", "name": record.publisher} if record.publisher else None,
        "datePublished": str(record.year) if record.year else None,
        "isbn": record.isbn13 or None,
        "alternateName": record.title_romanized or None,
        "about": [s.heading for s in record.subjects.all()] or None,
    }
    text = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above like json_script


def record_detail(request, pk: int):
    record = selectors.record_public(pk)
    if record is None:
        raise Http404
    patron = selectors.patron_for_user(request.user)
    my_hold = (
        Hold.objects.filter(record=record, patron=patron, status__in=["waiting", "ready"]).first()
        if patron
        else None
    )
    url = links.absolute_reverse("library:record", pk=record.pk)
    return render(
        request,
        "library/record.html",
        {
            "record": record,
            "copies": selectors.copies_with_due(record),
            "marc": selectors.record_marc(record),
            "jsonld": jsonld(record, url),
            "patron": patron,
            "my_hold": my_hold,
            "permalink": url,
        },
    )

"""The library's part of the newsletter's what's-on digest: records added in the last weeks
(found by shanyraq.newsletter.digest). Records are not translated: one title for every language."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shanyraq.core import languages
from shanyraq.library import selectors

LIMIT = 15
SINCE_DAYS = 30


def digest_items(*, start: dt.date, end: dt.date) -> list[dict]:
    since = timezone.now() - dt.timedelta(days=SINCE_DAYS)
    records = selectors.records_public().filter(created_at__gte=since).order_by("-created_at", "-pk")[:LIMIT]
    return [
        {
            "section": "library",
            "title": dict.fromkeys(languages.codes(), r.title),
            "start": None,
            "end": None,
            "url": ("library:record", {"pk": r.pk}),
        }
        for r in records
    ]

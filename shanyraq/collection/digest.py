"""The collection's part of the newsletter's what's-on digest: exhibitions open in the coming
weeks (found by shanyraq.newsletter.digest), as plain data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from shanyraq.collection import selectors
from shanyraq.core import languages


def digest_items(*, start: dt.date, end: dt.date) -> list[dict]:
    exhibitions = (
        selectors.exhibitions_public()
        .filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .order_by("start_date", "pk")[:20]
    )
    return [
        {
            "section": "exhibitions",
            "title": languages.as_dict(e, "title"),
            "start": e.start_date,
            "end": e.end_date,
            "url": ("collection:exhibition", {"slug": e.slug}),
        }
        for e in exhibitions
    ]

"""The programs' part of the newsletter's what's-on digest (found by shanyraq.newsletter.digest,
as the search finds `search_sources`): coming sessions of published programs, as plain data."""

from __future__ import annotations

import datetime as dt

from shanyraq.core import languages
from shanyraq.programs import selectors

LIMIT = 30


def digest_items(*, start: dt.date, end: dt.date) -> list[dict]:
    sessions = selectors.sessions_public(day_from=start, day_to=end)[:LIMIT]
    return [
        {
            "section": "programs",
            "title": languages.as_dict(s.program, "title"),
            "start": s.start,
            "end": None,
            "url": ("programs:session", {"pk": s.pk}),
        }
        for s in sessions
    ]

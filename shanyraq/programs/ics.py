"""iCalendar output (RFC 5545) for sessions: public feeds and e-mail attachments.

Times are written in UTC (the `Z` form), which every calendar reads without a VTIMEZONE; the
calendar also names the center's zone in X-WR-TIMEZONE. UIDs are stable per session, so a
re-imported feed updates events instead of duplicating them. Only public data goes in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from shanyraq.core import languages
from shanyraq.programs.models import Session

UID_DOMAIN = "programs.shanyraq"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def calendar(sessions: Iterable[Session], *, name: str, lang: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Shanyraq//Programs//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = _utc(timezone.now())
    for session in sessions:
        title, _lang = languages.translated(session.program, "title", lang)
        summary, _lang = languages.translated(session.program, "description", lang)
        place, _lang = languages.translated(session.space, "name", lang)
        event = Event()
        event.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(session.start))
        event.add("dtend", _utc(session.end))
        event.add("summary", title)
        if summary:
            event.add("description", summary[:1000])
        event.add("location", place)
        event.add("url", settings.SITE_URL + session.get_absolute_url())
        if session.is_cancelled:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()

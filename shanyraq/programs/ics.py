"""iCalendar output (RFC 5545) for sessions: public feeds and e-mail attachments.

Times are written in UTC (the `Z` form), which every calendar reads without a VTIMEZONE; the
calendar also names the center's zone in X-WR-TIMEZONE. UIDs are stable per session, so a
re-imported feed updates events instead of duplicating them. Only public data goes in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from shanyraq.core import languages, links
from shanyraq.programs.models import Session

UID_DOMAIN = "programs.shanyraq"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


# Control characters a calendar cannot hold (tab and line feed are handled below).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _line(value) -> str:
    """One line of text for a name, title or place: CR, LF and other control characters become
    spaces. icalendar escapes them in known properties but not in X-WR-CALNAME, where a title with
    a line break made the feed fail (500)."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _text(value) -> str:
    """A description: line breaks kept as LF (escaped as \\n), other control characters dropped."""
    return _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def calendar(sessions: Iterable[Session], *, name: str, lang: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Shanyraq//Programs//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _line(name))
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
        event.add("summary", _line(title))
        if summary:
            event.add("description", _text(summary)[:1000])
        event.add("location", _line(place))
        event.add("url", links.absolute_reverse("programs:session", lang=lang, pk=session.pk))
        if session.is_cancelled:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()

"""Reading the month (`2026-12`) and ISO week (`2026-W50`) of a public calendar's address.

Calendars accept the years FIRST_YEAR to LAST_YEAR, so the previous and next month or week
always exist (`?month=9999-12` used to end in a 500 when the view computed January 10000).
Text that is not a month or week at all falls back to today's; a real month outside the
years is refused with `OutOfRange`, which the views answer with 400 in the visitor's language.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 1900, 2999


class OutOfRange(ValueError):
    def message(self) -> str:
        return _("Calendars show the years %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


def _check(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise OutOfRange(day.isoformat())
    return day


def month_start(value: str, today: dt.date) -> dt.date:
    """The first day of the month `YYYY-MM`, or of today's month when the text is not a month."""
    try:
        first = dt.date.fromisoformat(f"{value}-01") if value else today.replace(day=1)
    except ValueError:
        first = today.replace(day=1)
    return _check(first)


def week_monday(value: str, today: dt.date) -> dt.date:
    """The Monday of the ISO week `YYYY-Www`, or of this week when the text is not a week."""
    try:
        year, week = value.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, AttributeError):
        monday = today - dt.timedelta(days=today.weekday())
    return _check(monday)

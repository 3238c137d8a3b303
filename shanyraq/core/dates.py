"""Calendar arithmetic that holds on every day of the year."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_time
from django.utils import timezone

from shanyraq.core.languages import babel_locale


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year.

    `day.replace(year=...)` raises on 29 February, which is how a demo loaded on a leap day
    once failed; every "born N years ago" date goes through here.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def moment_full(value: dt.datetime, lang: str | None = None) -> str:
    """A moment in the center's time zone as the locale writes it (CLDR via Babel): the full date
    and the short time, joined by the locale's own pattern: «пятница, 11 декабря 2026 г., 10:00»,
    «2026年12月11日星期五 10:00», "Friday, December 11, 2026, 10:00 AM"."""
    locale = Locale.parse(babel_locale(lang))
    local = timezone.localtime(value)
    pattern = str(locale.datetime_formats["full"])
    return pattern.replace("{1}", format_date(local, "full", locale=locale)).replace(
        "{0}", format_time(local, "short", locale=locale)
    )

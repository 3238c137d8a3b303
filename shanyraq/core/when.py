"""Dates, times and numbers as each of our four languages writes them (CLDR, through Babel).

Django's own date formats know nothing of Kazakh (it falls back to the English "N j, Y" and a
12-hour clock with "Т.Қ."), and hand-written format strings such as "D j E" put Chinese words in
Western order («星期六 5 十二月»). Every page, e-mail, PDF, ICS summary and export therefore goes
through these functions: the pattern comes from CLDR for the current language, the time from the
center's zone (settings.TIME_ZONE), whatever zone the value was stored in.

Widths: "short" (19.12.2026), "medium" (19 дек. 2026 г.), "long" (19 декабря 2026 г.),
"full" (суббота, 19 декабря 2026 г.).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale, dates, numbers
from django.utils import timezone

from shanyraq.core import languages

# Our language codes -> CLDR locales. Chinese is the mainland's simplified script.
CLDR = {"zh-hans": "zh_Hans_CN", "en": "en", "kk": "kk_KZ", "ru": "ru_RU"}


# CLDR separates "2:00 PM", "2026 ж." and "14:00 – 17:00" with narrow and thin spaces; some
# phone fonts and most e-mail clients show those as boxes. A no-break space keeps the pieces
# together and renders everywhere.
_SPACES = str.maketrans({"\u202f": "\xa0", "\u2009": " "})


def _plain(text: str) -> str:
    return text.translate(_SPACES)


def locale(language: str | None = None) -> Locale:
    """The CLDR locale of `language` (default: the active language)."""
    code = languages.normalize(language) or languages.current()
    return Locale.parse(CLDR.get(code, "en"))


def local(value: dt.datetime) -> dt.datetime:
    """An aware datetime in the center's zone; a naive one is taken as already local."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return local(value).date() if isinstance(value, dt.datetime) else value


def uses_24_hour_clock(language: str | None = None) -> bool:
    """Whether the locale's own short time pattern counts hours 0-23 (CLDR "H")."""
    return "H" in locale(language).time_formats["short"].pattern


def day(value: dt.date | dt.datetime | None, width: str = "long", language: str | None = None) -> str:
    """A calendar day: 2026年12月19日 · 2026 ж. 19 желтоқсан · 19 декабря 2026 г. · December 19, 2026."""
    if value is None:
        return ""
    return _plain(dates.format_date(_as_date(value), width, locale=locale(language)))


def weekday_day(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """A day in the coming weeks, with its weekday and without the year: 12月19日周六 · сб, 19 дек."""
    if value is None:
        return ""
    return _plain(dates.format_skeleton("MMMEd", _as_date(value), locale=locale(language)))


def month(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """A month as a heading: 2026年12月 · декабрь 2026 г. · December 2026."""
    if value is None:
        return ""
    return _plain(dates.format_skeleton("yMMMM", _as_date(value), locale=locale(language)))


def skeleton(value: dt.date | dt.datetime | None, pattern: str, language: str | None = None) -> str:
    """A date in a CLDR skeleton of the caller's choice ("MMMd": 7 дек.; "yMMM": дек. 2026 г.;
    "y"), for labels such as a chart's weeks and months."""
    if value is None:
        return ""
    return _plain(dates.format_skeleton(pattern, _as_date(value), locale=locale(language)))


def clock(value: dt.datetime | dt.time | None, language: str | None = None, seconds: bool = False) -> str:
    """A time of day on the locale's clock, in the center's zone: 14:00 · 2:00 PM."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = local(value).time()
    return _plain(dates.format_time(value, "medium" if seconds else "short", locale=locale(language)))


def moment(value: dt.datetime | None, width: str = "medium", language: str | None = None) -> str:
    """A date and time, joined as the locale joins them: 2026年12月19日 14:00 · 19 дек. 2026 г., 14:00."""
    if value is None:
        return ""
    loc = locale(language)
    value = local(value)
    joined = loc.datetime_formats[width if width in loc.datetime_formats else "medium"]
    return _plain(joined.format(clock(value, language), dates.format_date(value.date(), width, locale=loc)))


def span(
    start: dt.datetime | None,
    end: dt.datetime | None,
    width: str = "full",
    language: str | None = None,
) -> str:
    """An event's time: one day and a range of hours when it starts and ends on the same day
    (суббота, 19 декабря 2026 г., 14:00—17:00; Saturday, December 19, 2026, 2:00 – 5:00 PM), else
    two moments joined by the locale's interval pattern."""
    if start is None:
        return ""
    if end is None:
        return moment(start, "medium" if width == "full" else width, language)
    loc = locale(language)
    start, end = local(start), local(end)
    if start.date() == end.date():
        hours = dates.format_interval(
            start.time(), end.time(), "Hm" if uses_24_hour_clock(language) else "hm", locale=loc
        )
        date_part = weekday_day(start, language) if width == "weekday" else day(start, width, language)
        return _plain(loc.datetime_formats["medium"].format(hours, date_part))
    return loc.interval_formats[None].format(
        moment(start, "medium", language), moment(end, "medium", language)
    )


def number(value: int | float | Decimal | None, language: str | None = None) -> str:
    """A number with the locale's grouping and decimal signs: 12 345,5 · 12,345.5."""
    if value is None:
        return ""
    return _plain(numbers.format_decimal(value, locale=locale(language)))


def percent(value: float | Decimal | None, language: str | None = None) -> str:
    """A share (0.25) as the locale writes a percentage: 25% · 25 %."""
    if value is None:
        return ""
    return _plain(numbers.format_percent(value, locale=locale(language)))

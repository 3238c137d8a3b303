"""Dates, times and numbers as each language writes them (CLDR through Babel), in the center's zone."""

import datetime as dt
import zoneinfo

import pytest
from babel import dates as babel_dates
from django.template import Context, Template
from django.utils import formats, translation

from shanyraq.core import when

UTC = zoneinfo.ZoneInfo("UTC")
# Saturday 19 December 2026, 14:00-17:00 in Beijing, stored in UTC (06:00-09:00).
START = dt.datetime(2026, 12, 19, 6, 0, tzinfo=UTC)
END = dt.datetime(2026, 12, 19, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "2026年12月19日星期六 14:00–17:00"),
        ("en", "Saturday, December 19, 2026, 2:00 – 5:00\xa0PM"),
        ("kk", "2026\xa0ж. 19 желтоқсан, сенбі, 14:00–17:00"),
        ("ru", "суббота, 19 декабря 2026\xa0г., 14:00—17:00"),
    ],
)
def test_a_session_reads_as_its_language_writes_it_in_the_centers_zone(language, expected):
    with translation.override(language):
        assert when.span(START, END) == expected


@pytest.mark.parametrize(
    ("language", "weekday", "month", "clock"),
    [
        ("zh-hans", "12月19日周六", "2026年12月", "14:00"),
        ("en", "Sat, Dec 19", "December 2026", "2:00\xa0PM"),
        ("kk", "19 жел., сб", "2026\xa0ж. желтоқсан", "14:00"),
        ("ru", "сб, 19 дек.", "декабрь 2026\xa0г.", "14:00"),
    ],
)
def test_weekday_month_and_clock_follow_the_locale(language, weekday, month, clock):
    """The complaints: «星期六 5 十二月» (Western order in Chinese), "11:07 Т.Қ." (a 12-hour clock
    in Kazakh) — CLDR's order and hour cycle for each language instead."""
    with translation.override(language):
        assert when.weekday_day(START) == weekday
        assert when.month(START) == month
        assert when.clock(START) == clock


def test_a_span_over_two_days_shows_both_moments():
    with translation.override("ru"):
        assert when.span(START, END + dt.timedelta(days=1)) == (
            "19 дек. 2026\xa0г., 14:00 — 20 дек. 2026\xa0г., 17:00"
        )


def test_numbers_group_as_the_locale_groups():
    with translation.override("ru"):
        assert when.number(12345.5) == "12\xa0345,5"
    with translation.override("en"):
        assert when.number(12345.5) == "12,345.5"


@pytest.mark.parametrize("language", ["zh-hans", "en", "kk", "ru"])
def test_template_filters_render_in_the_page_language(language):
    template = Template("{% load when %}{{ s|span:e }}|{{ s|day }}|{{ s|moment }}|{{ s|clock }}")
    with translation.override(language):
        rendered = template.render(Context({"s": START, "e": END}))
        assert rendered == "|".join(
            [when.span(START, END), when.day(START), when.moment(START), when.clock(START)]
        )
        cldr = babel_dates.format_date(dt.date(2026, 12, 19), "long", locale=when.locale())
        assert when.day(START) == cldr.replace("\u202f", "\xa0")


@pytest.mark.parametrize("language", ["kk", "ru", "zh-hans"])
def test_djangos_own_time_format_uses_the_24_hour_clock_where_cldr_does(language):
    """What still goes through Django (form widgets, a bare {{ value }}) agrees on the hour cycle."""
    with translation.override(language):
        assert when.uses_24_hour_clock()
        assert formats.time_format(dt.time(14, 5)) == "14:05"
        assert "Т.Қ" not in formats.date_format(START, "DATETIME_FORMAT")


def test_djangos_english_formats_are_cldrs():
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 12, 19)) == when.day(dt.date(2026, 12, 19), "medium")
        assert formats.time_format(dt.time(14, 0)) == when.clock(dt.time(14, 0)).replace("\xa0", " ")

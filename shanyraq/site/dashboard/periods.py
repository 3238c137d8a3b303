"""Time buckets of the dashboard, in the center's time zone, named in the reader's language.

A period is the bucket size: weeks (Monday first), months or years. The dashboard shows the
last few buckets up to the one holding today, with empty buckets kept so a chart's x axis has
no gaps. Bucketing happens in SQL (`Trunc*` with the current time zone) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models.functions import TruncMonth, TruncWeek, TruncYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shanyraq.core import when

# name: (label, SQL truncation, buckets shown, CLDR skeleton of a bucket's name)
PERIODS = {
    "week": (_("Weeks"), TruncWeek, 12, "MMMd"),
    "month": (_("Months"), TruncMonth, 12, "yMMM"),
    "year": (_("Years"), TruncYear, 5, "y"),
}
DEFAULT = "month"


def _back(day: dt.date, name: str, steps: int) -> dt.date:
    """The first day of the bucket `steps` before the one starting on `day`."""
    if name == "week":
        return day - dt.timedelta(weeks=steps)
    if name == "month":
        months = day.year * 12 + day.month - 1 - steps
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(day.year - steps, 1, 1)


def _bucket_start(day: dt.date, name: str) -> dt.date:
    if name == "week":
        return day - dt.timedelta(days=day.weekday())
    if name == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


@dataclass(frozen=True)
class Period:
    name: str
    buckets: list[dt.date] = field(default_factory=list)  # each bucket's first day, oldest first

    @classmethod
    def last(cls, name: str, today: dt.date | None = None) -> Period:
        """The last buckets of this size, up to the one holding `today` (local)."""
        name = name if name in PERIODS else DEFAULT
        current = _bucket_start(today or timezone.localdate(), name)
        count = PERIODS[name][2]
        return cls(name, [_back(current, name, steps) for steps in range(count - 1, -1, -1)])

    def _midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())

    @property
    def start(self) -> dt.datetime:
        return self._midnight(self.buckets[0])

    @property
    def end(self) -> dt.datetime:
        """The start of the bucket after the last one (exclusive)."""
        return self._midnight(_back(self.buckets[-1], self.name, -1))

    @property
    def ends(self) -> list[dt.datetime]:
        """Each bucket's end (the next bucket's start), oldest first; the last is `end`."""
        return [self._midnight(day) for day in self.buckets[1:]] + [self.end]

    def trunc(self, expression: str):
        """The SQL expression of a datetime's bucket, in the center's time zone."""
        return PERIODS[self.name][1](expression, tzinfo=timezone.get_current_timezone())

    @staticmethod
    def day_of(value) -> dt.date:
        """A bucket value from the database (aware datetime or date) as its local first day."""
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        return value

    def label(self, day: dt.date) -> str:
        """A bucket's name in the reader's language (CLDR): 12月, дек. 2026, 7 Dec."""
        return when.skeleton(day, PERIODS[self.name][3])

    @property
    def title(self) -> str:
        return str(PERIODS[self.name][0])

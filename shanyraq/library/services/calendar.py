"""When the library is open: weekly opening days plus holidays. Due dates never fall on a closed day."""

from __future__ import annotations

import datetime as dt

from shanyraq.library.models import Holiday, OpeningDay


class Calendar:
    """Loaded once per operation, so computing a due date costs two small queries, not one per day."""

    def __init__(self, start: dt.date | None = None) -> None:
        self.open_weekdays = set(OpeningDay.objects.values_list("weekday", flat=True))
        qs = Holiday.objects.all()
        if start is not None:
            qs = qs.filter(date__gte=start, date__lte=start + dt.timedelta(days=400))
        self.holidays = set(qs.values_list("date", flat=True))

    def is_open(self, day: dt.date) -> bool:
        # A library that has not entered its hours yet is treated as open every day.
        if self.open_weekdays and day.weekday() not in self.open_weekdays:
            return False
        return day not in self.holidays

    def next_open(self, day: dt.date) -> dt.date:
        for _i in range(400):
            if self.is_open(day):
                return day
            day += dt.timedelta(days=1)
        return day


def due_date(start: dt.date, days: int, calendar: Calendar | None = None) -> dt.date:
    """`days` after `start`, moved forward to the next day the library is open."""
    calendar = calendar or Calendar(start)
    return calendar.next_open(start + dt.timedelta(days=days))

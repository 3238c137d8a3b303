"""Calendar arithmetic that holds on every day of the year."""

from __future__ import annotations

import datetime as dt


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year.

    `day.replace(year=...)` raises on 29 February, which is how a demo loaded on a leap day
    once failed; every "born N years ago" date goes through here.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)

import datetime as dt

import pytest

from shanyraq.core.dates import years_before


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2026, 12, 4), 10, dt.date(2016, 12, 4)),
        (dt.date(2028, 2, 29), 10, dt.date(2018, 2, 28)),
        (dt.date(2028, 2, 29), 4, dt.date(2024, 2, 29)),
        (dt.date(2027, 12, 31), 1, dt.date(2026, 12, 31)),
    ],
)
def test_years_before_keeps_the_day_or_falls_back_to_28_february(day, years, expected):
    assert years_before(day, years) == expected

"""Overdue fines: off unless LIBRARY_FINE_PER_DAY is set (the center lends for free by default).

A fine is computed, not stored: days past the due date times the daily rate, capped at
LIBRARY_FINE_CAP. Payment is handled at the desk outside this system.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from shanyraq.library.models import Loan


def fines_enabled() -> bool:
    return Decimal(str(getattr(settings, "LIBRARY_FINE_PER_DAY", 0))) > 0


def loan_fine(loan: Loan, today: dt.date | None = None) -> Decimal:
    rate = Decimal(str(getattr(settings, "LIBRARY_FINE_PER_DAY", 0)))
    if rate <= 0:
        return Decimal(0)
    end = timezone.localdate(loan.returned_at) if loan.returned_at else (today or timezone.localdate())
    days = max(0, (end - loan.due_on).days)
    fine = rate * days
    cap = getattr(settings, "LIBRARY_FINE_CAP", None)
    return min(fine, Decimal(str(cap))) if cap is not None else fine

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from shanyraq.spaces.models import Booking, ClosedDay, Space


def spaces_public() -> QuerySet[Space]:
    """What visitors may see: never storage or offices."""
    return Space.objects.filter(is_public=True).exclude(kind=Space.Kind.STORAGE)


def bookings_between(space: Space, start, end, *, public: bool = True):
    """Bookings of a space that touch [start, end). Visitors see approved ones only."""
    from shanyraq.spaces.models import Booking

    qs = Booking.objects.filter(space=space, start__lt=end, end__gt=start)
    qs = qs.filter(status=Booking.Status.APPROVED) if public else qs.filter(status__in=Booking.ACTIVE)
    return qs.order_by("start", "pk")


def bookings_requested():
    from shanyraq.spaces.models import Booking

    return Booking.objects.filter(status=Booking.Status.REQUESTED).select_related("space").order_by("start")


def closed_days_ahead(today: dt.date | None = None) -> list:
    """Closed days from today on, each with the active bookings that fall on it (made before the
    day was closed, or with a staff reason), so staff see what to move."""
    today = today or timezone.localdate()
    days = list(ClosedDay.objects.filter(date__gte=today).order_by("date"))
    for closed in days:
        closed.bookings = list(
            Booking.objects.filter(status__in=Booking.ACTIVE, start__date=closed.date)
            .select_related("space")
            .order_by("start")
        )
    return days

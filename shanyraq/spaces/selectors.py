from __future__ import annotations

from django.db.models import QuerySet

from shanyraq.spaces.models import Space


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

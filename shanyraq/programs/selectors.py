"""Reads for visitors and staff, with the scoping applied here (visitors see published only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from shanyraq.programs.models import Program, Registration, Session


def programs_public() -> QuerySet[Program]:
    return Program.objects.filter(is_published=True)


def sessions_public(
    *,
    kind: str = "",
    age: int | None = None,
    language: str = "",
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
    include_past: bool = False,
) -> QuerySet[Session]:
    """Sessions of published programs, filtered as the what's-on page offers."""
    qs = Session.objects.filter(program__is_published=True, is_cancelled=False).select_related(
        "program", "space"
    )
    if not include_past:
        qs = qs.filter(end__gte=timezone.now())
    if kind:
        qs = qs.filter(program__kind=kind)
    if age is not None:
        qs = qs.filter(Q(program__min_age__isnull=True) | Q(program__min_age__lte=age))
        qs = qs.filter(Q(program__max_age__isnull=True) | Q(program__max_age__gte=age))
    if language:
        qs = qs.filter(program__language=language)
    if day_from:
        qs = qs.filter(start__date__gte=day_from)
    if day_to:
        qs = qs.filter(start__date__lte=day_to)
    return qs.order_by("start", "pk")


def seats_left(session: Session) -> int:
    from shanyraq.programs.services.registrations import pool_capacity, seats_taken

    program = session.program
    pool_session = None if program.registers_as_whole else session
    return max(0, pool_capacity(program, session) - seats_taken(program, pool_session))


def with_seats_left(sessions) -> list[Session]:
    """Annotate sessions with `.seats_left` in two queries, whatever their number."""
    sessions = list(sessions)
    ids = [s.pk for s in sessions if not s.program.registers_as_whole]
    held = dict(
        Registration.objects.filter(session_id__in=ids, status__in=Registration.HOLDING)
        .values_list("session_id")
        .annotate(n=Sum("seats"))
    )
    for session in sessions:
        if session.program.registers_as_whole:
            session.seats_left = seats_left(session)
        else:
            session.seats_left = max(0, session.capacity - (held.get(session.pk) or 0))
    return sessions


def person_of(user):
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def sessions_taught_by(user) -> QuerySet[Session]:
    """A teacher sees only sessions of programs they teach; nobody else's classes."""
    person = person_of(user)
    if person is None:
        return Session.objects.none()
    return Session.objects.filter(program__teachers=person).select_related("program", "space").distinct()


def can_mark_attendance(user, session: Session) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm("programs.change_registration"):
        return True  # the coordinator corrects any list
    return (
        user.has_perm("programs.mark_attendance") and sessions_taught_by(user).filter(pk=session.pk).exists()
    )


def participants(session: Session) -> QuerySet[Registration]:
    pool = Registration.pool_filter(session.program, session)
    return (
        Registration.objects.filter(
            **pool, status__in=(Registration.Status.CONFIRMED, Registration.Status.ATTENDED)
        )
        .select_related("person")
        .order_by("person__name", "pk")
    )


@dataclass
class Report:
    headers: list[str]
    rows: list[list]


def booking_registrations(registration: Registration) -> list[Registration]:
    """Everyone booked in the same form as this registration, in the order they were entered."""
    if registration.booking_id:
        mine = Registration.objects.filter(booking_id=registration.booking_id)
    else:  # one participant, or a booking made before bookings were stored: that minute's
        mine = Registration.objects.filter(
            booker=registration.booker,
            program=registration.program,
            session=registration.session,
            booking__isnull=True,
            created_at__gte=registration.created_at - dt.timedelta(seconds=60),
            created_at__lte=registration.created_at + dt.timedelta(seconds=60),
        )
    return list(mine.select_related("person", "program", "session__space").order_by("pk"))

"""Reads for visitors and staff, with the scoping applied here (visitors see published only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.permissions import field_hidden
from shanyraq.people.models import Person
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


# Order of the registrations list: who holds a seat, then offers, the waiting list, unconfirmed.
_LIST_ORDER = {
    Registration.Status.ATTENDED: 0,
    Registration.Status.CONFIRMED: 0,
    Registration.Status.OFFERED: 1,
    Registration.Status.WAITING: 2,
    Registration.Status.PENDING: 3,
}


def session_registrations(session: Session) -> list[Registration]:
    """Everyone registered for or waiting for a session (a course: for the whole course), seats
    first, then the waiting list in its order. Cancelled registrations are left out."""
    pool = Registration.pool_filter(session.program, session)
    rows = Registration.objects.filter(**pool, status__in=Registration.ACTIVE).select_related(
        "person__guardian", "booker"
    )
    return sorted(rows, key=lambda r: (_LIST_ORDER[r.status], r.position or 0, r.created_at, r.pk))


def registration_sheet(session: Session, user) -> Report:
    """The coordinator's list of a session as a table (the page and its CSV/XLSX exports).

    Contacts appear only to a role that may see them (people.view_contact) and guardians only
    to one that may see children's data (people.view_child_data), as in the admin. Times are the
    center's local time as data (a spreadsheet date); the page writes them as the reader's
    language does.
    """
    contacts = not field_hidden(user, Person, "email")
    guardians = not field_hidden(user, Person, "guardian")
    headers = [_("Status"), _("Place on the waiting list"), _("Participant"), _("Seats"), _("Group")]
    headers += [_("Booked by")] + ([_("E-mail"), _("Phone")] if contacts else [])
    if guardians:
        headers += [_("Guardian")] + ([_("Guardian's e-mail"), _("Guardian's phone")] if contacts else [])
    headers += [_("Registered")]
    rows = []
    for r in session_registrations(session):
        person, booker = r.person, r.booker
        row = [r.get_status_display(), r.position or "", person.name, r.seats, r.group_name, booker.name]
        if contacts:
            row += [booker.email or person.email, booker.phone or person.phone]
        if guardians:
            guardian = person.guardian
            row += [guardian.name if guardian else ""]
            if contacts:
                row += [guardian.email if guardian else "", guardian.phone if guardian else ""]
        row.append(timezone.localtime(r.created_at).replace(tzinfo=None, second=0, microsecond=0))
        rows.append(row)
    return Report([str(h) for h in headers], rows)


def session_message_recipients(session: Session, audience: str = "all") -> list[tuple[str, str, str]]:
    """(address, language, name) of each booker to write to about a session, once per address:
    "all" active registrations, only those with a "seat", or only the "waiting" list."""
    wanted = {
        "seat": Registration.HOLDING,
        "waiting": (Registration.Status.WAITING, Registration.Status.OFFERED),
    }.get(audience, Registration.ACTIVE)
    seen: dict[str, tuple[str, str, str]] = {}
    for r in session_registrations(session):
        if r.status not in wanted:
            continue
        address = (r.booker.email or r.person.email).strip()
        if address and address.lower() not in seen:
            lang = languages.normalize(r.booker.language) or settings.LANGUAGE_CODE
            seen[address.lower()] = (address, lang, r.booker.name)
    return list(seen.values())


def sessions_for_coordinators(days_back: int = 7, days_ahead: int = 60) -> list[Session]:
    """Sessions around today with their seats held and waiting counts, for the registrations index."""
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            start__gte=now - dt.timedelta(days=days_back), start__lt=now + dt.timedelta(days=days_ahead)
        )
        .select_related("program", "space")
        .order_by("start", "pk")
    )
    per_session = dict(
        Registration.objects.filter(session__in=sessions)
        .values_list("session_id")
        .annotate(n=Sum("seats", filter=Q(status__in=Registration.HOLDING)))
    )
    waiting = dict(
        Registration.objects.filter(session__in=sessions, status=Registration.Status.WAITING)
        .values_list("session_id")
        .annotate(n=Count("pk"))
    )
    course_ids = {s.program_id for s in sessions if s.program.registers_as_whole}
    per_course = dict(
        Registration.objects.filter(program_id__in=course_ids, session=None)
        .values_list("program_id")
        .annotate(n=Sum("seats", filter=Q(status__in=Registration.HOLDING)))
    )
    course_waiting = dict(
        Registration.objects.filter(
            program_id__in=course_ids, session=None, status=Registration.Status.WAITING
        )
        .values_list("program_id")
        .annotate(n=Count("pk"))
    )
    for s in sessions:
        if s.program.registers_as_whole:
            s.held, s.waiting = per_course.get(s.program_id) or 0, course_waiting.get(s.program_id) or 0
        else:
            s.held, s.waiting = per_session.get(s.pk) or 0, waiting.get(s.pk) or 0
    return sessions

"""Bookings: the ONE place where a space or a teacher is kept from being double-booked.

Every booking (a program session, an outside request, internal use) is created or moved by
`booking_create` / `booking_move`. Both run inside `transaction.atomic()`, lock the space row
and the teachers' Person rows with `select_for_update()` (always in primary-key order, so two
bookings of the same people cannot deadlock), then look for an active booking whose blocked
interval (start - setup, end + cleanup) overlaps. On SQLite the IMMEDIATE transaction mode
serialises writers instead of the row locks (docs/decisions/002).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages, when
from shanyraq.core.services import admin_log_forget, audit_forget, audit_record
from shanyraq.people.models import Person
from shanyraq.spaces import conf, notifications
from shanyraq.spaces.models import Booking, ClosedDay, Space


def _blocked(
    start: dt.datetime, end: dt.datetime, setup: int, cleanup: int
) -> tuple[dt.datetime, dt.datetime]:
    return start - dt.timedelta(minutes=setup), end + dt.timedelta(minutes=cleanup)


def _lock(space: Space, teachers: Iterable[Person]) -> tuple[Space, list[Person]]:
    space = Space.objects.select_for_update().get(pk=space.pk)
    ids = sorted({t.pk for t in teachers})
    people = list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return space, people


def _check_free(
    *,
    space: Space,
    teachers: list[Person],
    blocked_start: dt.datetime,
    blocked_end: dt.datetime,
    exclude_pk: int | None = None,
) -> None:
    overlapping = Booking.objects.filter(
        status__in=Booking.ACTIVE, blocked_start__lt=blocked_end, blocked_end__gt=blocked_start
    )
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    clash = overlapping.filter(space=space).first()
    if clash is not None:
        raise ValidationError(
            {
                "space": _(
                    "%(space)s is already booked from %(start)s to %(end)s (buffers included) for %(what)s."
                )
                % {
                    "space": space,
                    "start": _fmt(clash.blocked_start),
                    "end": _fmt(clash.blocked_end),
                    "what": holder(clash),
                }
            }
        )
    if teachers:
        busy = overlapping.filter(teachers__in=teachers).prefetch_related("teachers").first()
        if busy is not None:
            names = ", ".join(sorted(p.name for p in busy.teachers.all() if p in teachers))
            raise ValidationError(
                {
                    "teachers": _("%(names)s already teaches from %(start)s to %(end)s.")
                    % {"names": names, "start": _fmt(busy.blocked_start), "end": _fmt(busy.blocked_end)}
                }
            )


def holder(booking: Booking) -> str:
    """What holds the space, in the reader's language: the program of a session (its translated
    title, through the session's reverse link; spaces never import programs), else the booking's
    public title or purpose, else its kind."""
    session = getattr(booking, "session", None)
    if session is not None:
        title, _lang = languages.translated(session.program, "title")
        return title
    text = booking.public_title or booking.purpose
    return text or str(booking.get_kind_display()).lower()


def _fmt(value: dt.datetime) -> str:
    return when.moment(value, "short")


def opening_problem(start: dt.datetime, end: dt.datetime) -> str:
    """Why [start, end) falls outside the center's opening, or "" when it does not: a closed day,
    a closed weekday, or hours before opening or after closing (settings SPACES_OPENING_HOURS, in
    the center's time zone; the setup and cleanup buffers may run outside them)."""
    first, last = timezone.localtime(start), timezone.localtime(end - dt.timedelta(microseconds=1))
    closed = ClosedDay.objects.filter(date__gte=first.date(), date__lte=last.date()).first()
    if closed is not None:
        return _("The center is closed on %(day)s.") % {"day": when.day(closed.date, "full")}
    hours = conf.get("SPACES_OPENING_HOURS")
    if not hours:
        return ""
    day_hours = hours.get(first.weekday())
    if day_hours is None:
        return _("The center is closed on %(day)s.") % {"day": when.day(first.date(), "full")}
    opens, closes = (dt.time.fromisoformat(value) for value in day_hours)
    local_end = timezone.localtime(end)
    ends_in_time = local_end.date() == first.date() and local_end.time() <= closes
    if first.time() < opens or not ends_in_time:
        return _("On %(day)s the center is open from %(opens)s to %(closes)s.") % {
            "day": when.day(first.date(), "full"),
            "opens": when.clock(opens),
            "closes": when.clock(closes),
        }
    return ""


def _check_open(start: dt.datetime, end: dt.datetime, override_reason: str) -> None:
    """Refuse a time outside the opening, unless staff give a reason for booking it anyway."""
    problem = opening_problem(start, end)
    if problem and not override_reason.strip():
        raise ValidationError({"start": problem})


def _validate_times(start: dt.datetime, end: dt.datetime, setup: int, cleanup: int) -> None:
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if setup < 0 or cleanup < 0:
        raise ValidationError({"setup_minutes": _("Buffers cannot be negative.")})


def booking_create(
    *,
    space: Space,
    start: dt.datetime,
    end: dt.datetime,
    kind: str = Booking.Kind.INTERNAL,
    status: str = Booking.Status.APPROVED,
    setup_minutes: int = 0,
    cleanup_minutes: int = 0,
    teachers: Iterable[Person] = (),
    purpose: str = "",
    public_title: str = "",
    is_public: bool = False,
    public_url: str = "",
    requester_name: str = "",
    requester_email: str = "",
    requester_language: str = "",
    override_reason: str = "",
    actor=None,
) -> Booking:
    """Reserve a space (and the teachers) unless anything overlaps, buffers included, or the
    time is outside the opening (a closed day, before opening, after closing) and no
    `override_reason` says why staff book it anyway."""
    _validate_times(start, end, setup_minutes, cleanup_minutes)
    _check_open(start, end, override_reason)
    teachers = list(teachers)
    blocked_start, blocked_end = _blocked(start, end, setup_minutes, cleanup_minutes)
    with transaction.atomic():
        space, people = _lock(space, teachers)
        _check_free(space=space, teachers=people, blocked_start=blocked_start, blocked_end=blocked_end)
        booking = Booking.objects.create(
            space=space,
            kind=kind,
            status=status,
            start=start,
            end=end,
            setup_minutes=setup_minutes,
            cleanup_minutes=cleanup_minutes,
            blocked_start=blocked_start,
            blocked_end=blocked_end,
            purpose=purpose,
            public_title=public_title,
            is_public=is_public,
            public_url=public_url,
            requester_name=requester_name,
            requester_email=requester_email,
            requester_language=requester_language,
        )
        if people:
            booking.teachers.set(people)
        extra = {"override": override_reason.strip()} if override_reason.strip() else {}
        audit_record(
            actor=actor, action="booking.create", target=booking, space=space.slug, status=status, **extra
        )
    return booking


def booking_request(
    *,
    space: Space,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str,
    requester_name: str,
    requester_email: str,
    setup_minutes: int = 0,
    cleanup_minutes: int = 0,
    language: str = "",
    actor=None,
) -> Booking:
    """An outside request: it holds the time while the program coordinator decides, for at most
    SPACES_REQUEST_EXPIRE_HOURS; it may not be longer than SPACES_REQUEST_MAX_HOURS nor start
    more than SPACES_REQUEST_MAX_DAYS_AHEAD ahead (a room cannot be blocked for decades).
    `language` (default: the active one, the page's) is kept so the decision e-mail is written
    in the language the requester wrote in, whoever decides."""
    _check_request(start=start, end=end, purpose=purpose, requester_name=requester_name)
    return booking_create(
        space=space,
        start=start,
        end=end,
        kind=Booking.Kind.OUTSIDE,
        status=Booking.Status.REQUESTED,
        setup_minutes=setup_minutes,
        cleanup_minutes=cleanup_minutes,
        purpose=purpose,
        requester_name=requester_name,
        requester_email=requester_email,
        requester_language=languages.normalize(language) or languages.current(),
        actor=actor,
    )


def _check_request(*, start: dt.datetime, end: dt.datetime, purpose: str, requester_name: str) -> None:
    errors: dict[str, str] = {}
    now = timezone.now()
    most = conf.get("SPACES_REQUEST_MAX_HOURS")
    ahead = conf.get("SPACES_REQUEST_MAX_DAYS_AHEAD")
    if start < now:
        errors["start"] = _("The start is in the past.")
    elif start > now + dt.timedelta(days=ahead):
        errors["start"] = _("Requests are taken at most %(days)s days ahead.") % {"days": ahead}
    if end - start > dt.timedelta(hours=most):
        errors["end"] = _("A request may cover at most %(hours)s hours.") % {"hours": most}
    for field, value, setting in (
        ("purpose", purpose, "SPACES_PURPOSE_MAX_LENGTH"),
        ("requester_name", requester_name, "SPACES_NAME_MAX_LENGTH"),
    ):
        if len(value or "") > conf.get(setting):
            errors[field] = _("At most %(n)s characters, please.") % {"n": conf.get(setting)}
    if errors:
        raise ValidationError(errors)


def booking_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Outside requests nobody approved within SPACES_REQUEST_EXPIRE_HOURS expire and free the time."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=conf.get("SPACES_REQUEST_EXPIRE_HOURS"))
    stale = Booking.objects.filter(status=Booking.Status.REQUESTED, created_at__lt=cutoff)
    count = 0
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            booking = Booking.objects.select_for_update().get(pk=pk)
            if booking.status != Booking.Status.REQUESTED or booking.created_at >= cutoff:
                continue
            booking.status = Booking.Status.EXPIRED
            booking.save(update_fields=["status"])
            audit_record(actor=None, action="booking.expire", target=booking)
            count += 1
    return count


def booking_move(
    *,
    booking: Booking,
    start: dt.datetime,
    end: dt.datetime,
    space: Space | None = None,
    override_reason: str = "",
    actor=None,
) -> Booking:
    """Reschedule: the same checks as a new booking, ignoring the booking itself."""
    space = space or booking.space
    _validate_times(start, end, booking.setup_minutes, booking.cleanup_minutes)
    _check_open(start, end, override_reason)
    blocked_start, blocked_end = _blocked(start, end, booking.setup_minutes, booking.cleanup_minutes)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        space, people = _lock(space, booking.teachers.all())
        _check_free(
            space=space,
            teachers=people,
            blocked_start=blocked_start,
            blocked_end=blocked_end,
            exclude_pk=booking.pk,
        )
        booking.space, booking.start, booking.end = space, start, end
        booking.blocked_start, booking.blocked_end = blocked_start, blocked_end
        booking.save(update_fields=["space", "start", "end", "blocked_start", "blocked_end"])
        extra = {"override": override_reason.strip()} if override_reason.strip() else {}
        audit_record(actor=actor, action="booking.move", target=booking, start=start.isoformat(), **extra)
    return booking


def booking_decide(*, booking: Booking, approve: bool, reason: str = "", actor=None) -> Booking:
    """The program coordinator approves or refuses an outside request. The requester is told by
    e-mail, in the language of the request, with the coordinator's `reason` when one is given;
    the message joins the outbox in this transaction, so it exists exactly when the decision
    does. A request without an e-mail address is decided all the same."""
    reason = reason.strip()[: Booking._meta.get_field("decision_reason").max_length]
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != Booking.Status.REQUESTED:
            raise ValidationError({"status": _("Only a requested booking can be approved or refused.")})
        booking.status = Booking.Status.APPROVED if approve else Booking.Status.REFUSED
        booking.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        booking.decision_reason = reason
        booking.save(update_fields=["status", "decided_by", "decision_reason"])
        extra = {"reason": reason} if reason else {}
        audit_record(
            actor=actor, action="booking.approve" if approve else "booking.refuse", target=booking, **extra
        )
        notifications.booking_decided(booking)
    return booking


def booking_cancel(*, booking: Booking, actor=None) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status"])
        audit_record(actor=actor, action="booking.cancel", target=booking)
    return booking


def closed_day_add(*, date: dt.date, reason: str = "", actor=None) -> ClosedDay:
    """Close the center on a day (a holiday): from now on no session or booking is accepted then
    without a staff reason. Bookings already made that day stay; the page lists them."""
    reason = " ".join(reason.split())[:200]
    with transaction.atomic():
        closed, created = ClosedDay.objects.get_or_create(date=date, defaults={"reason": reason})
        if not created:
            raise ValidationError({"date": _("This day is already closed.")})
        audit_record(
            actor=actor, action="closed_day.add", target=closed, date=date.isoformat(), reason=reason
        )
    return closed


def closed_day_remove(*, closed: ClosedDay, actor=None) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="closed_day.remove", target=closed, date=closed.date.isoformat())
        closed.delete()


def person_forget(*, person: Person, actor=None) -> Iterable[str]:
    """Erasure hook (people.conf): booking requests sent from the person's e-mail lose the
    requester's name, e-mail and (outside requests) the purpose they wrote; a request still
    waiting is cancelled, as nobody could be answered. Returns the requester names used."""
    if not person.email:
        return []
    with transaction.atomic():
        bookings = list(
            Booking.objects.select_for_update().filter(requester_email__iexact=person.email.strip())
        )
        names = [b.requester_name for b in bookings if b.requester_name]
        purposes = [b.purpose for b in bookings if b.kind == Booking.Kind.OUTSIDE and b.purpose]
        for booking in bookings:
            booking.requester_name = booking.requester_email = booking.decision_reason = ""
            if booking.kind == Booking.Kind.OUTSIDE:
                booking.purpose = ""
            if booking.status == Booking.Status.REQUESTED:
                booking.status = Booking.Status.CANCELLED
            booking.save(
                update_fields=["requester_name", "requester_email", "decision_reason", "purpose", "status"]
            )
        audit_forget(targets=bookings, users=[person.user], words=[*names, *purposes])
        admin_log_forget(targets=bookings, words=[*names, *purposes])
    return names

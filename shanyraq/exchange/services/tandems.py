"""Tandem requests, answers, ends, and meetings booked in supervised rooms through spaces.

The safeguarding rule (selectors.may_meet) is checked here again, not only in the suggestions:
a request from an adult to a minor (or the other way) is refused whatever URL it came from.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.ratelimit import Rate, hit
from shanyraq.core.services import audit_record
from shanyraq.exchange import conf, notifications
from shanyraq.exchange.models import Block, Meeting, Member, Tandem
from shanyraq.exchange.selectors import is_minor, may_meet
from shanyraq.spaces.models import Booking, Space
from shanyraq.spaces.services import booking_cancel, booking_create


def _teaches(member: Member, learner: Member) -> str | None:
    """A language `member` speaks that `learner` is learning (the best-spoken first)."""
    learning = {lang.language for lang in learner.languages.all() if lang.direction == "learns"}
    spoken = sorted(
        (lang for lang in member.languages.all() if lang.direction == "speaks" and lang.language in learning),
        key=lambda lang: -lang.level,
    )
    return spoken[0].language if spoken else None


def blocked_between(a: Member, b: Member) -> bool:
    """Has either member blocked the other?"""
    return Block.objects.filter(blocker__in=[a, b], blocked__in=[a, b]).exists()


def tandem_request(*, member: Member, partner: Member, note: str = "", actor=None) -> Tandem:
    """Ask `partner` to become a tandem: languages must complement, the pair must be allowed to
    meet (no adult with a minor), neither may have blocked the other, one open tandem per pair."""
    today = timezone.localdate()
    if partner.pk == member.pk or partner.status != Member.Status.ACTIVE or not partner.discoverable:
        raise ValidationError(_("This member cannot be asked."))
    if not may_meet(member, partner, today):
        raise PermissionDenied("safeguarding")
    if blocked_between(member, partner):
        raise ValidationError(_("This member cannot be asked."))
    mine, theirs = _teaches(member, partner), _teaches(partner, member)
    if mine is None or theirs is None:
        raise ValidationError(_("Your languages do not complement each other."))
    if not hit(f"exchange-request:{member.pk}", Rate.parse(conf.get("EXCHANGE_REQUEST_RATE"))):
        raise ValidationError(_("You have sent many requests today. Please try again tomorrow."))
    note = " ".join((note or "").split())[:300]
    low, high = sorted([member.pk, partner.pk])
    try:
        with transaction.atomic():
            tandem = Tandem.objects.create(
                first=member,
                second=partner,
                first_teaches=mine,
                second_teaches=theirs,
                note=note,
                involves_minor=is_minor(member, today) or is_minor(partner, today),
                low=low,
                high=high,
            )
            audit_record(actor=actor, action="exchange.tandem_request", target=tandem)
            notifications.tandem_requested(tandem)
    except IntegrityError:
        raise ValidationError(_("You already have a request or a tandem with this member."))
    return tandem


def tandem_decide(*, tandem: Tandem, member: Member, accept: bool, actor=None) -> Tandem:
    """The asked member accepts or declines."""
    with transaction.atomic():
        tandem = (
            Tandem.objects.select_for_update()
            .select_related("first__person", "second__person")
            .get(pk=tandem.pk)
        )
        if tandem.second_id != member.pk:
            raise PermissionDenied
        if tandem.status != Tandem.Status.REQUESTED:
            raise ValidationError(_("This request was already answered."))
        tandem.status = Tandem.Status.ACTIVE if accept else Tandem.Status.DECLINED
        tandem.decided_at = timezone.now()
        tandem.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=actor, action="exchange.tandem_" + ("accept" if accept else "decline"), target=tandem
        )
        if accept:
            notifications.tandem_accepted(tandem)
    return tandem


def tandem_end(*, tandem: Tandem, member: Member, actor=None) -> Tandem:
    """Either partner ends the tandem (or withdraws a request); future meetings are cancelled."""
    with transaction.atomic():
        tandem = Tandem.objects.select_for_update().get(pk=tandem.pk)
        if not tandem.has(member):
            raise PermissionDenied
        if tandem.status not in Tandem.OPEN:
            return tandem
        tandem.status = Tandem.Status.ENDED
        tandem.ended_at = timezone.now()
        tandem.save(update_fields=["status", "ended_at"])
        for meeting in tandem.meetings.filter(cancelled=False, booking__start__gt=timezone.now()):
            meeting_cancel(meeting=meeting, member=member, actor=actor)
        audit_record(actor=actor, action="exchange.tandem_end", target=tandem)
    return tandem


def meeting_spaces():
    """Supervised rooms where tandems meet."""
    return Space.objects.filter(kind__in=conf.get("EXCHANGE_MEETING_SPACE_KINDS")).order_by("order", "slug")


def meeting_book(
    *, tandem: Tandem, member: Member, space: Space, start: dt.datetime, end: dt.datetime, actor=None
) -> Meeting:
    """Book a supervised room for an active tandem. spaces.services.booking_create refuses any
    overlap (no double booking); the times must be in the future and short."""
    errors = {}
    if space.kind not in conf.get("EXCHANGE_MEETING_SPACE_KINDS"):
        errors["space"] = _("Tandems meet only in the supervised rooms.")
    if start <= timezone.now():
        errors["start"] = _("The start is in the past.")
    if end <= start or end - start > dt.timedelta(hours=conf.get("EXCHANGE_MEETING_MAX_HOURS")):
        errors["end"] = _("A meeting lasts up to %(hours)s hours.") % {
            "hours": conf.get("EXCHANGE_MEETING_MAX_HOURS")
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        tandem = (
            Tandem.objects.select_for_update()
            .select_related("first__person", "second__person")
            .get(pk=tandem.pk)
        )
        if not tandem.has(member):
            raise PermissionDenied
        if tandem.status != Tandem.Status.ACTIVE:
            raise ValidationError(_("Only an active tandem can book a meeting."))
        booking = booking_create(
            space=space,
            start=start,
            end=end,
            kind=Booking.Kind.INTERNAL,
            status=Booking.Status.APPROVED,
            purpose=f"Tandem #{tandem.pk} (supervised)",
            public_title="",
            actor=actor,
        )
        meeting = Meeting.objects.create(tandem=tandem, booking=booking, booked_by=member)
        audit_record(actor=actor, action="exchange.meeting_book", target=meeting, booking=booking.pk)
        notifications.meeting_booked(meeting)
    return meeting


def meeting_cancel(*, meeting: Meeting, member: Member, actor=None) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("tandem", "booking").get(pk=meeting.pk)
        if not meeting.tandem.has(member):
            raise PermissionDenied
        if not meeting.cancelled:
            booking_cancel(booking=meeting.booking, actor=actor)
            meeting.cancelled = True
            meeting.save(update_fields=["cancelled"])
            audit_record(actor=actor, action="exchange.meeting_cancel", target=meeting)
    return meeting


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """E-mail both partners once, EXCHANGE_REMINDER_HOURS before each meeting (the scheduler's job)."""
    now = now or timezone.now()
    soon = now + dt.timedelta(hours=conf.get("EXCHANGE_REMINDER_HOURS"))
    due = Meeting.objects.filter(
        cancelled=False, reminded_at__isnull=True, booking__start__gt=now, booking__start__lte=soon,
        tandem__status=Tandem.Status.ACTIVE,
    )  # fmt: skip
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # The conditional UPDATE claims the meeting: two workers never remind twice.
            if not Meeting.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            meeting = Meeting.objects.select_related(
                "booking__space", "tandem__first__person", "tandem__second__person"
            ).get(pk=pk)
            notifications.meeting_reminder(meeting)
            sent += 1
    return sent

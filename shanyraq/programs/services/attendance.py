"""Check-in at the door and attendance in class.

A scan is judged, not just stored: an unknown code, a ticket for another day, a second scan
of the same ticket and a ticket that holds no seat are all flagged to the front desk. Teachers
mark attendance only in sessions of programs they teach (`selectors.sessions_taught_by`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import when
from shanyraq.core.services import audit_record
from shanyraq.programs.models import Attendance, Registration, Session
from shanyraq.programs.selectors import can_mark_attendance
from shanyraq.programs.tickets import code_from_scan


@dataclass
class ScanResult:
    outcome: str  # ok, duplicate, wrong_day, unknown, no_seat
    message: str
    registration: Registration | None = None
    session: Session | None = None


def _session_today(registration: Registration, day: dt.date) -> Session | None:
    if registration.session_id:
        session = registration.session
        return session if timezone.localtime(session.start).date() == day else None
    return registration.program.sessions.filter(start__date=day, is_cancelled=False).order_by("start").first()


def checkin_scan(*, text: str, actor=None, now: dt.datetime | None = None) -> ScanResult:
    now = now or timezone.now()
    code = code_from_scan(text)
    registration = (
        Registration.objects.select_related("program", "session", "person").filter(code=code).first()
        if code
        else None
    )
    if registration is None:
        return ScanResult("unknown", _("Unknown ticket code."))
    if registration.status not in (Registration.Status.CONFIRMED, Registration.Status.ATTENDED):
        return ScanResult(
            "no_seat",
            _("This registration holds no seat (%(status)s).")
            % {"status": registration.get_status_display()},
            registration,
        )
    session = _session_today(registration, timezone.localtime(now).date())
    if session is None:
        return ScanResult("wrong_day", _("This ticket is not for today."), registration)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    session=session,
                    registration=registration,
                    status=Attendance.Status.PRESENT,
                    checked_in_at=now,
                    marked_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError:
            attendance = Attendance.objects.select_for_update().get(
                session=session, registration=registration
            )
            if attendance.checked_in_at is not None:
                return ScanResult(
                    "duplicate",
                    _("Already checked in at %(time)s.") % {"time": when.clock(attendance.checked_in_at)},
                    registration,
                    session,
                )
            attendance.status, attendance.checked_in_at = Attendance.Status.PRESENT, now
            attendance.save(update_fields=["status", "checked_in_at"])
        if registration.session_id:
            Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.ATTENDED)
        audit_record(actor=actor, action="registration.check_in", target=registration, session=session.pk)
    return ScanResult(
        "ok", _("Welcome, %(name)s!") % {"name": registration.person.name}, registration, session
    )


def attendance_mark(*, session: Session, registration: Registration, present: bool, actor) -> Attendance:
    """A teacher marks one participant present or absent in one of their own sessions."""
    if not can_mark_attendance(actor, session):
        raise PermissionDenied
    pool = Registration.pool_filter(session.program, session)
    if not Registration.objects.filter(pk=registration.pk, **pool).exists():
        raise ValidationError({"registration": _("This person is not registered for this session.")})
    status = Attendance.Status.PRESENT if present else Attendance.Status.ABSENT
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            session=session, registration=registration, defaults={"status": status, "marked_by": actor}
        )
        audit_record(actor=actor, action="attendance.mark", target=attendance, status=status)
    return attendance

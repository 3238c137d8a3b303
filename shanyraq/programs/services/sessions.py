"""Creating sessions: one-off or weekly for a term, each booked through spaces.services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.programs import search_sources
from shanyraq.programs.models import Program, Session
from shanyraq.spaces.models import Booking, Space
from shanyraq.spaces.services import booking_cancel, booking_create, booking_move


def session_create(
    *,
    program: Program,
    space: Space,
    start: dt.datetime,
    end: dt.datetime,
    capacity: int | None = None,
    setup_minutes: int = 15,
    cleanup_minutes: int = 15,
    override_reason: str = "",
    actor=None,
) -> Session:
    """A dated session; its booking fails (and nothing is written) if the space or a teacher is
    busy, or the time is outside the center's opening without an `override_reason`."""
    capacity = space.capacity if capacity is None else capacity
    if capacity < 1:
        raise ValidationError({"capacity": _("A session needs at least one seat.")})
    with transaction.atomic():
        booking = booking_create(
            space=space,
            start=start,
            end=end,
            kind=Booking.Kind.PROGRAM,
            status=Booking.Status.APPROVED,
            setup_minutes=setup_minutes,
            cleanup_minutes=cleanup_minutes,
            teachers=program.teachers.all(),
            purpose=program.title_en or program.title,
            public_title=program.title_en or program.title,
            is_public=program.is_published,
            public_url=f"/programs/{program.pk}/",
            override_reason=override_reason,
            actor=actor,
        )
        session = Session.objects.create(
            program=program, space=space, booking=booking, start=start, end=end, capacity=capacity
        )
        audit_record(actor=actor, action="session.create", target=session)
    return session


def sessions_generate_weekly(
    *,
    program: Program,
    space: Space,
    weekdays: Iterable[int],
    start_time: dt.time,
    duration: dt.timedelta,
    first_day: dt.date,
    last_day: dt.date,
    skip: Iterable[dt.date] = (),
    capacity: int | None = None,
    override_reason: str = "",
    actor=None,
) -> list[Session]:
    """Weekly sessions for a term (weekday 0 = Monday), leaving out the skip dates (holidays).

    All or nothing: if one date clashes, the error names it and no session is created.
    """
    if last_day < first_day:
        raise ValidationError({"last_day": _("The term ends before it starts.")})
    weekdays, skip = set(weekdays), set(skip)
    zone = timezone.get_current_timezone()
    created = []
    with transaction.atomic():
        day = first_day
        while day <= last_day:
            if day.weekday() in weekdays and day not in skip:
                start = dt.datetime.combine(day, start_time, tzinfo=zone)
                try:
                    created.append(
                        session_create(
                            program=program,
                            space=space,
                            start=start,
                            end=start + duration,
                            capacity=capacity,
                            override_reason=override_reason,
                            actor=actor,
                        )
                    )
                except ValidationError as exc:
                    raise ValidationError(
                        _("%(day)s: %(problem)s")
                        % {"day": day.isoformat(), "problem": " ".join(exc.messages)}
                    )
            day += dt.timedelta(days=1)
    return created


def session_reschedule(
    *,
    session: Session,
    start: dt.datetime,
    end: dt.datetime,
    space: Space | None = None,
    override_reason: str = "",
    actor=None,
) -> Session:
    """Move one session (and its booking) to another time or space."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.booking_id:
            booking_move(
                booking=session.booking,
                start=start,
                end=end,
                space=space,
                override_reason=override_reason,
                actor=actor,
            )
        session.start, session.end = start, end
        if space is not None:
            session.space = space
        session.save(update_fields=["start", "end", "space"])
        audit_record(actor=actor, action="session.reschedule", target=session, start=start.isoformat())
    return session


def session_cancel(*, session: Session, actor=None) -> Session:
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        session.is_cancelled = True
        session.save(update_fields=["is_cancelled"])
        if session.booking_id:
            booking_cancel(booking=session.booking, actor=actor)
        audit_record(actor=actor, action="session.cancel", target=session)
    return session


PROGRAM_EDITABLE = {
    "kind", "level", "language", "min_age", "max_age", "price", "capacity", "registration_opens",
    "registration_closes", "max_per_booker", "allow_groups", "max_group_size", "is_published",
}  # fmt: skip


def program_update(*, program: Program, changes: dict, actor=None) -> Program:
    """Change a program's texts (`title_<suffix>`, `description_<suffix>`) and settings in one step.

    Refused, with nothing written: no title in any language, ages or registration dates the wrong
    way round, a course's seats below those already held, or a course turned into another kind (or
    back) while it has registrations (its seats are counted per course, not per session). More seats
    for a course offer them to its waiting list at once, in order."""
    from shanyraq.core import languages
    from shanyraq.programs.models import Registration
    from shanyraq.programs.services.registrations import offer_free_seats, pool_lock, seats_taken

    texts = {
        f"{f}_{languages.field_suffix(c)}" for f in ("title", "description") for c, _n in settings.LANGUAGES
    }
    unknown = set(changes) - PROGRAM_EDITABLE - texts
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    after = {**{name: getattr(program, name) for name in PROGRAM_EDITABLE | texts}, **changes}
    errors: dict[str, str] = {}
    if not any((after.get(name) or "").strip() for name in texts if name.startswith("title_")):
        errors["title"] = _("Please give a title in at least one language.")
    if after["kind"] not in Program.Kind.values:
        errors["kind"] = _("Unknown kind of program.")
    if after["min_age"] is not None and after["max_age"] is not None and after["min_age"] > after["max_age"]:
        errors["max_age"] = _("The maximum age is below the minimum age.")
    opens, closes = after["registration_opens"], after["registration_closes"]
    if opens and closes and closes <= opens:
        errors["registration_closes"] = _("Registration must close after it opens.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        registered = Registration.objects.filter(program=program, status__in=Registration.ACTIVE).exists()
        was_course = program.registers_as_whole
        if (after["kind"] == Program.Kind.COURSE) != was_course and registered:
            raise ValidationError(
                {
                    "kind": _(
                        "People are registered: a course cannot become another kind, or the other way round."
                    )
                }
            )
        if was_course and after["capacity"] is not None:
            held = seats_taken(program, None)
            if after["capacity"] < held:
                raise ValidationError(
                    {
                        "capacity": _("%(n)s seats are already taken; the course cannot have fewer.")
                        % {"n": held}
                    }
                )
        for name, value in after.items():
            setattr(program, name, value.strip() if isinstance(value, str) else value)
        program.save()
        audit_record(actor=actor, action="program.update", target=program, fields=sorted(changes))
        if program.registers_as_whole and registered:
            locked, _session = pool_lock(program, None)
            offer_free_seats(locked, None, timezone.now())
        search_sources.index(program)
    return program


def program_create(
    *,
    title: dict[str, str],
    kind: str,
    description: dict[str, str] | None = None,
    actor=None,
    teachers=(),
    **fields,
) -> Program:
    """Create a program from per-language texts ({"en": .., "zh-hans": ..})."""
    from shanyraq.core import languages

    if kind not in Program.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of program.")})
    try:
        texts = {
            **languages.from_dict(title, "title"),
            **languages.from_dict(description or {}, "description"),
        }
    except ValueError as exc:
        raise ValidationError({"title": _("Unknown language: %(code)s") % {"code": exc.args[0]}})
    if not any(v for k, v in texts.items() if k.startswith("title_")):
        raise ValidationError({"title": _("Please give a title in at least one language.")})
    with transaction.atomic():
        program = Program(kind=kind, **texts, **fields)
        program.save()
        if teachers:
            program.teachers.set(teachers)
        audit_record(actor=actor, action="program.create", target=program)
        search_sources.index(program)
    return program

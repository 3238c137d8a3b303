"""Registrations: seats, the waiting list and offers. No overbooking, ever.

Every change of who holds a seat happens inside `transaction.atomic()` after locking the pool
row with `select_for_update()`: the program for a course (registered as a whole), the session
for everything else. Counting the seats held and writing the new registration therefore happen
under one lock, so 200 people racing for 20 seats get exactly 20 confirmations and a waiting
list numbered 1..180 in arrival order (tested with a real gunicorn server in
tests/test_concurrency.py). On SQLite the IMMEDIATE transaction serialises the same section.

Guests (no account) behave like pretix: the seat (or the waiting-list place) is held at once
and the e-mail carries the ticket plus a link that confirms the address (`email_verified`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.people.models import Person
from shanyraq.programs import conf, notifications
from shanyraq.programs.models import Program, ProgramBooking, Registration, Session


def _notify(registration: Registration, kind: str, session_id: int | None = None) -> None:
    """Inside the caller's transaction: the e-mail is stored with the change, sent after the commit."""
    notifications.registration_notify(registration, kind, session_id)


def pool_lock(program: Program, session: Session | None) -> tuple[Program, Session | None]:
    """Lock the row that guards the seats: the program for a course, else the session."""
    if program.registers_as_whole:
        return Program.objects.select_for_update().get(pk=program.pk), session
    # Only what the pool needs: modeltranslation makes the full row wide, and the lock is the hot path.
    return program, Session.objects.select_for_update().only("pk", "program_id", "capacity").get(
        pk=session.pk
    )


def pool_capacity(program: Program, session: Session | None) -> int:
    if program.registers_as_whole:
        if program.capacity is not None:
            return program.capacity
        sizes = [s.capacity for s in program.sessions.filter(is_cancelled=False)]
        return min(sizes) if sizes else 0
    return session.capacity


def seats_taken(program: Program, session: Session | None) -> int:
    pool = Registration.objects.filter(**Registration.pool_filter(program, session))
    return pool.filter(status__in=Registration.HOLDING).aggregate(n=Sum("seats"))["n"] or 0


def _check_rules(
    *,
    program: Program,
    session: Session,
    person: Person,
    booker: Person,
    seats: int,
    group_name: str,
    now: dt.datetime,
    staff: bool,
) -> None:
    errors: dict[str, str] = {}
    if not program.is_published and not staff:
        errors["program"] = _("This program is not open for registration.")
    if session.is_cancelled:
        errors["session"] = _("This session is cancelled.")
    elif session.start <= now and not staff:
        errors["session"] = _("This session has already started.")
    if program.registration_opens and now < program.registration_opens and not staff:
        errors["program"] = _("Registration has not opened yet.")
    if program.registration_closes and now > program.registration_closes and not staff:
        errors["program"] = _("Registration is closed.")
    day = timezone.localtime(session.start).date()
    if program.min_age is not None or program.max_age is not None:
        age = person.age_on(day)
        if group_name:
            pass  # a school class: the teacher vouches for the pupils' ages
        elif age is None:
            errors["birth_date"] = _(
                "Please give the participant's birth date: this program has an age limit."
            )
        elif program.min_age is not None and age < program.min_age:
            errors["birth_date"] = _(
                "The participant will be %(age)s on that day; the minimum age is %(min)s."
            ) % {"age": age, "min": program.min_age}
        elif program.max_age is not None and age > program.max_age:
            errors["birth_date"] = _(
                "The participant will be %(age)s on that day; the maximum age is %(max)s."
            ) % {"age": age, "max": program.max_age}
    if seats < 1:
        errors["seats"] = _("Please book at least one seat.")
    elif group_name:
        if not program.allow_groups:
            errors["seats"] = _("This program does not take group bookings.")
        elif seats > program.max_group_size:
            errors["seats"] = _("A group may book at most %(n)s seats.") % {"n": program.max_group_size}
    elif seats > 1:
        errors["seats"] = _("Register each participant separately; only school groups book several seats.")
    if errors:
        raise ValidationError(errors)


def registration_create(
    *,
    session: Session,
    person: Person,
    booker: Person | None = None,
    seats: int = 1,
    group_name: str = "",
    email_verified: bool = False,
    staff: bool = False,
    notify: bool = True,
    booking: ProgramBooking | None = None,
    actor=None,
) -> Registration:
    """Confirm the seats if they are free and nobody waits; otherwise join the waiting list."""
    (registration,) = registrations_create(
        session=session,
        people=[person],
        booker=booker or person,
        seats=seats,
        group_name=group_name,
        email_verified=email_verified,
        staff=staff,
        notify=notify,
        booking=booking,
        actor=actor,
    )
    return registration


def registrations_create(
    *,
    session: Session,
    people: list[Person],
    booker: Person,
    seats: int = 1,
    group_name: str = "",
    email_verified: bool = False,
    staff: bool = False,
    notify: bool = True,
    booking: ProgramBooking | None = None,
    actor=None,
) -> list[Registration]:
    """Register everyone under one pool lock, in the order given, with one e-mail for them all.

    A `together` booking places everyone or nobody: all confirmed if all the seats are free and
    nobody waits, otherwise all on the waiting list, one after the other."""
    program = session.program
    now = timezone.now()
    for person in people:
        _check_rules(
            program=program,
            session=session,
            person=person,
            booker=booker,
            seats=seats,
            group_name=group_name.strip(),
            now=now,
            staff=staff,
        )
    together = booking is not None and booking.together and len(people) > 1
    with transaction.atomic():
        program, locked_session = pool_lock(program, session)
        pool_session = None if program.registers_as_whole else locked_session
        pool = Registration.objects.filter(**Registration.pool_filter(program, pool_session))
        email = (booker.email or "").strip().lower()
        # Two short index-driven queries under the lock: who this booker already registered, and the seats.
        mine = Q(booker=booker) | Q(person__in=[p.pk for p in people])
        if email:
            mine |= Q(booker_email=email)
        already = list(
            pool.filter(mine, status__in=Registration.ACTIVE).values_list(
                "person_id", "person__name", "booker_id", "booker_email", "seats", "group_name"
            )
        )
        for person in people:
            name = person.name.strip().lower()
            if any(pid == person.pk or pname.strip().lower() == name for pid, pname, *_rest in already):
                raise ValidationError(
                    {"person": _("%(name)s is already registered.") % {"name": person.name}}
                )
        booked = sum(n for _p, _n, _b, _e, n, group in already if not group)
        if not group_name and booked + seats * len(people) > program.max_per_booker:
            raise ValidationError(
                {"seats": _("One person may book at most %(n)s seats here.") % {"n": program.max_per_booker}}
            )
        if _needs_confirmation(
            seats=seats, group_name=group_name, email_verified=email_verified, staff=staff
        ):
            places = [(Registration.Status.PENDING, None)] * len(people)
        else:
            places = _places(pool, program, locked_session, seats, len(people), together)
        registrations = []
        for person, (status, position) in zip(people, places, strict=True):
            registration = Registration.objects.create(
                program=program,
                # The caller's session object (same row; its program and space are already loaded, so the
                # e-mail does not fetch them again). Capacity was read from the locked row above.
                session=session if pool_session is not None else None,
                person=person,
                booker=booker,
                booker_email=email,
                seats=seats,
                group_name=group_name.strip(),
                status=status,
                position=position,
                email_verified=email_verified,
                booking=booking,
            )
            audit_record(actor=actor, action="registration.create", target=registration, status=status)
            registrations.append(registration)
        if notify:
            notifications.registrations_notify(registrations, "registered")
    return registrations


def _needs_confirmation(*, seats: int, group_name: str, email_verified: bool, staff: bool) -> bool:
    """A large group from an unconfirmed address holds nothing until confirmed (seat squatting)."""
    return (
        bool(group_name.strip())
        and seats > conf.get("PROGRAMS_GROUP_VERIFY_ABOVE")
        and not (email_verified or staff)
    )


def _pool_state(pool) -> dict:
    return pool.aggregate(
        taken=Sum("seats", filter=Q(status__in=Registration.HOLDING)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        last_position=Max("position"),
    )


def _place(pool, program: Program, locked_session: Session | None, seats: int) -> tuple[str, int | None]:
    """Inside the pool lock: confirmed if the seats are free and nobody waits, else the next place in line."""
    return _places(pool, program, locked_session, seats, 1, together=False)[0]


def _places(
    pool, program: Program, locked_session: Session | None, seats: int, count: int, together: bool
) -> list[tuple[str, int | None]]:
    """Inside the pool lock: the status and waiting-list place of `count` new registrations, in order.
    Not together: each is confirmed while seats are free and nobody waits, the rest wait. Together:
    all confirmed if all fit, otherwise all wait."""
    state = _pool_state(pool)
    free = pool_capacity(program, locked_session) - (state["taken"] or 0)
    waiting = bool(state["waiting"])
    last = state["last_position"] or 0
    if together and (waiting or seats * count > free):
        return [(Registration.Status.WAITING, last + i) for i in range(1, count + 1)]
    places = []
    for _i in range(count):
        if not waiting and seats <= free:
            places.append((Registration.Status.CONFIRMED, None))
            free -= seats
        else:
            waiting = True  # once someone waits, everyone after waits behind them
            last += 1
            places.append((Registration.Status.WAITING, last))
    return places


def registration_confirm_pending(*, registration: Registration, actor=None) -> Registration:
    """A pending group booking is confirmed by its address or by staff: it now takes its seats
    (or its place on the waiting list) like a new registration would. Anything else is unchanged."""
    with transaction.atomic():
        program, locked_session = pool_lock(registration.program, registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        pool_session = None if program.registers_as_whole else locked_session
        pool = Registration.objects.filter(**Registration.pool_filter(program, pool_session))
        registration.status, registration.position = _place(pool, program, locked_session, registration.seats)
        registration.save(update_fields=["status", "position"])
        audit_record(
            actor=actor,
            action="registration.confirm_pending",
            target=registration,
            status=registration.status,
        )
        _notify(registration, "registered")
    return registration


def offer_free_seats(program: Program, session: Session | None, now: dt.datetime) -> list[Registration]:
    """Inside the pool lock: offer freed seats to the waiting list strictly in order. The waiting
    members of a `together` booking are one unit: offered all at once, or not yet (nobody passes them)."""
    pool = Registration.objects.filter(**Registration.pool_filter(program, session))
    free = pool_capacity(program, session) - (
        pool.filter(status__in=Registration.HOLDING).aggregate(n=Sum("seats"))["n"] or 0
    )
    offered: list[Registration] = []
    queue = list(
        pool.filter(status=Registration.Status.WAITING).select_related("booking").order_by("position", "pk")
    )
    done: set[int] = set()
    expires = now + dt.timedelta(hours=conf.get("PROGRAMS_OFFER_HOURS"))
    for waiting in queue:
        if waiting.pk in done:
            continue
        unit = [waiting]
        if waiting.booking is not None and waiting.booking.together:
            unit = [r for r in queue if r.booking_id == waiting.booking_id]
        need = sum(r.seats for r in unit)
        if need > free:
            break
        for registration in unit:
            registration.status = Registration.Status.OFFERED
            registration.offer_expires_at = expires
            registration.save(update_fields=["status", "offer_expires_at"])
            done.add(registration.pk)
        free -= need
        offered += unit
        notifications.registrations_notify(unit, "offered")
    return offered


def _session_of(registration: Registration) -> Session | None:
    return registration.session


def registration_cancel(*, registration: Registration, actor=None) -> Registration:
    """Give the seat back; the next person on the waiting list is offered it."""
    with transaction.atomic():
        program, session = pool_lock(registration.program, _session_of(registration))
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if registration.status == Registration.Status.ATTENDED:
            raise ValidationError({"status": _("An attended registration cannot be cancelled.")})
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        audit_record(actor=actor, action="registration.cancel", target=registration)
        _notify(registration, "cancelled")
        offer_free_seats(program, None if program.registers_as_whole else session, timezone.now())
    return registration


def booking_cancel(*, registration: Registration, actor=None) -> list[Registration]:
    """Cancel everyone in this registration's booking who still holds or awaits a seat, at once:
    one e-mail, and the freed seats offered once everyone is out of the queue."""
    from shanyraq.programs.selectors import booking_registrations

    with transaction.atomic():
        program, session = pool_lock(registration.program, _session_of(registration))
        ids = [m.pk for m in booking_registrations(registration)]
        members = list(
            Registration.objects.select_for_update()
            .filter(pk__in=ids, status__in=Registration.CANCELLABLE)
            .select_related("person", "booker", "program")
            .order_by("pk")
        )
        now = timezone.now()
        for member in members:
            member.status = Registration.Status.CANCELLED
            member.cancelled_at = now
            member.save(update_fields=["status", "cancelled_at"])
            audit_record(actor=actor, action="registration.cancel", target=member)
        if members:
            notifications.registrations_notify(members, "cancelled")
            offer_free_seats(program, None if program.registers_as_whole else session, now)
    return members


def registration_approve(*, registration: Registration, actor) -> Registration:
    """Staff vouch for a pending group booking (a school they know): it takes its seats."""
    if registration.status != Registration.Status.PENDING:
        raise ValidationError({"status": _("Only a booking awaiting confirmation can be approved.")})
    return registration_confirm_pending(registration=registration, actor=actor)


def registration_accept_offer(*, registration: Registration, actor=None) -> Registration:
    """Take an offered seat; for a `together` booking, every seat offered to it at once."""
    with transaction.atomic():
        pool_lock(registration.program, registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.OFFERED:
            raise ValidationError({"status": _("This offer is no longer open.")})
        if registration.offer_expires_at and registration.offer_expires_at < timezone.now():
            raise ValidationError({"status": _("This offer has expired.")})
        unit = [registration]
        if registration.booking_id and registration.booking.together:
            unit = list(
                Registration.objects.select_for_update()
                .filter(booking_id=registration.booking_id, status=Registration.Status.OFFERED)
                .order_by("pk")
            )
        for member in unit:
            member.status = Registration.Status.CONFIRMED
            member.offer_expires_at = None
            member.email_verified = True
            member.save(update_fields=["status", "offer_expires_at", "email_verified"])
            audit_record(actor=actor, action="registration.accept_offer", target=member)
        notifications.registrations_notify(unit, "registered")
    return next(m for m in unit if m.pk == registration.pk)


def registration_verify_email(*, registration: Registration) -> Registration:
    """The booker followed the link in the e-mail: the address is real; a pending group takes its seats."""
    Registration.objects.filter(pk=registration.pk).update(email_verified=True)
    registration.email_verified = True
    if registration.status == Registration.Status.PENDING:
        registration = registration_confirm_pending(registration=registration)
    return registration


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Expired offers go back to the pool, and the next person in line is offered the seat."""
    now = now or timezone.now()
    count = 0
    expired = Registration.objects.filter(status=Registration.Status.OFFERED, offer_expires_at__lt=now)
    for reg_id in list(expired.values_list("pk", flat=True)):
        with transaction.atomic():
            reg = Registration.objects.select_related("program").get(pk=reg_id)
            program, session = pool_lock(reg.program, reg.session)
            reg = Registration.objects.select_for_update().get(pk=reg_id)
            if reg.status != Registration.Status.OFFERED or reg.offer_expires_at >= now:
                continue
            reg.status = Registration.Status.CANCELLED
            reg.cancelled_at = now
            reg.save(update_fields=["status", "cancelled_at"])
            audit_record(actor=None, action="registration.offer_expired", target=reg)
            offer_free_seats(program, None if program.registers_as_whole else session, now)
            count += 1
    return count


def reminders_send(*, day: dt.date | None = None) -> int:
    """E-mail everyone with a seat in a session on `day` (default: tomorrow), once."""
    day = day or timezone.localdate() + dt.timedelta(days=1)
    sessions = Session.objects.filter(start__date=day, is_cancelled=False).select_related("program")
    recent = timezone.now() - dt.timedelta(hours=20)  # a course is reminded before every lesson
    count = 0
    for session in sessions:
        pool = Registration.objects.filter(
            **Registration.pool_filter(session.program, session),
            status__in=(Registration.Status.CONFIRMED,),
        ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=recent))
        for reg_id in list(pool.values_list("pk", flat=True)):
            with transaction.atomic():  # the mark and the stored reminder commit together
                updated = Registration.objects.filter(
                    Q(reminded_at__isnull=True) | Q(reminded_at__lt=recent), pk=reg_id
                ).update(reminded_at=timezone.now())
                if updated:
                    registration = Registration.objects.select_related(
                        "program", "session__space", "person", "booker"
                    ).get(pk=reg_id)
                    _notify(registration, "reminder", session.pk)
                    count += 1
    return count

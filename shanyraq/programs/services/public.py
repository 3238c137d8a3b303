"""What the public registration form and the API submit: the booker, children, a school group.

All or nothing: if one child is too young for the session, nobody from the form is registered
and no person is created. Sizes (field lengths, the number of children, the seats one booker
may take) are checked before the transaction opens, so an oversized request is refused without
writing a row or taking SQLite's write lock (issue 13). People are created through people.services.person_create, which
records the guardian's consent for each child.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from shanyraq.people.models import Person
from shanyraq.people.services import person_create
from shanyraq.programs import conf
from shanyraq.programs.models import ProgramBooking, Registration, Session
from shanyraq.programs.services.registrations import registrations_create


@dataclass
class ChildInput:
    name: str
    birth_date: dt.date | None


@dataclass
class Submission:
    name: str
    email: str
    language: str
    phone: str = ""
    birth_date: dt.date | None = None
    children: list[ChildInput] = field(default_factory=list)
    guardian_consent: bool = False
    group_name: str = ""
    seats: int = 1
    # Siblings: everyone a seat or everyone on the waiting list (True), or seats for as many as fit.
    together: bool = True


def _too_long(value: str, setting: str) -> str | None:
    limit = conf.get(setting)
    if len(value or "") > limit:
        return _("At most %(n)s characters, please.") % {"n": limit}
    return None


def check_sizes(*, session: Session, data: Submission) -> dict[str, str]:
    """What is too big in a submission, checked without touching the database."""
    errors: dict[str, str] = {}
    for name, setting in (
        ("name", "PROGRAMS_NAME_MAX_LENGTH"),
        ("email", "PROGRAMS_EMAIL_MAX_LENGTH"),
        ("phone", "PROGRAMS_PHONE_MAX_LENGTH"),
        ("group_name", "PROGRAMS_GROUP_NAME_MAX_LENGTH"),
    ):
        message = _too_long(getattr(data, name), setting)
        if message:
            errors[name] = message
    for child in data.children:
        message = _too_long(child.name, "PROGRAMS_NAME_MAX_LENGTH")
        if message:
            errors["children"] = message
    most = min(conf.get("PROGRAMS_MAX_CHILDREN"), session.program.max_per_booker)
    if len(data.children) > most:
        errors["children"] = _("One registration may name at most %(n)s children.") % {"n": most}
    return errors


def registration_submit(*, session: Session, data: Submission, user=None, actor=None) -> list[Registration]:
    """Register the booker, or their children, or a school group, in one transaction."""
    errors = check_sizes(session=session, data=data)
    if errors:
        raise ValidationError(errors)
    account = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if account is None:
        if not data.name.strip():
            errors["name"] = _("Please give a name.")
        try:
            validate_email(data.email.strip())
        except ValidationError:
            errors["email"] = _("Please give an e-mail address: the ticket is sent there.")
    if data.children and not data.guardian_consent:
        errors["guardian_consent"] = _("The guardian's consent is needed to keep a child's data.")
    for child in data.children:
        if not child.name.strip():
            errors["children"] = _("Please give each child's name.")
        elif child.birth_date is None:
            errors["children"] = _("Please give each child's birth date.")
    if data.children and data.group_name:
        errors["group_name"] = _("A school group is booked without children's names.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        booker: Person = account or person_create(
            name=data.name,
            language=data.language,
            email=data.email,
            phone=data.phone,
            birth_date=None if data.children else data.birth_date,
            actor=actor,
        )
        if data.children:
            people = [
                person_create(
                    name=c.name,
                    language=data.language,
                    birth_date=c.birth_date,
                    guardian=booker,
                    guardian_consent=True,
                    actor=actor,
                )
                for c in data.children
            ]
        else:
            people = [booker]
        # A booking row ties several participants together; one person needs none (the hot path).
        booking = (
            ProgramBooking.objects.create(booker=booker, together=data.together) if len(people) > 1 else None
        )
        return registrations_create(
            session=session,
            people=people,
            booker=booker,
            seats=data.seats if data.group_name else 1,
            group_name=data.group_name,
            email_verified=account is not None,
            booking=booking,
            actor=actor,
        )

"""Creating people and recording consent. Every module registers people through here."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.services import audit_record
from shanyraq.people.models import Consent, Person

CONSENT_TEXT_VERSION = "2025-09"


def consent_record(
    *,
    person: Person,
    kind: str,
    granted: bool = True,
    given_by: Person | None = None,
    actor=None,
    text_version: str = CONSENT_TEXT_VERSION,
) -> Consent:
    if kind not in Consent.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of consent.")})
    consent = Consent.objects.create(
        person=person,
        kind=kind,
        granted=granted,
        given_by=given_by,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        text_version=text_version,
    )
    audit_record(
        actor=actor, action="consent." + ("grant" if granted else "withdraw"), target=person, kind=kind
    )
    return consent


def person_create(
    *,
    name: str,
    language: str | None = None,
    email: str = "",
    phone: str = "",
    birth_date: dt.date | None = None,
    guardian: Person | None = None,
    guardian_consent: bool = False,
    other_names: list[dict[str, str]] | None = None,
    user=None,
    actor=None,
) -> Person:
    """Create a person; a child (under 18 today) needs a guardian who consents to keeping the data."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Please give a name.")
    lang = languages.normalize(language) if language else languages.current()
    if lang is None:
        errors["language"] = _("Unknown language.")
    today = timezone.localdate()
    if birth_date and birth_date > today:
        errors["birth_date"] = _("The birth date is in the future.")
    probe = Person(birth_date=birth_date)
    if probe.is_minor_on(today):
        if guardian is None:
            errors["guardian"] = _("A child can only be registered by a guardian.")
        elif not guardian_consent:
            errors["guardian_consent"] = _("The guardian's consent is needed to keep a child's data.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = Person.objects.create(
            name=name,
            language=lang,
            email=email.strip(),
            phone=phone.strip(),
            birth_date=birth_date,
            guardian=guardian,
            other_names=other_names or [],
            user=user,
        )
        if guardian is not None and probe.is_minor_on(today):
            consent_record(person=person, kind=Consent.Kind.CHILD_DATA, given_by=guardian, actor=actor)
        audit_record(actor=actor, action="person.create", target=person)
    return person


def person_login_link(*, actor, person: Person, user, reason: str) -> Person:
    """Point `person` at another login (or at none). Only a director (`people.link_login`) may:
    whoever controls a person's login reads and erases that person's data. Every change is
    audited with the previous login, the new one and the reason."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("people.link_login"):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise ValidationError({"user": _("This login belongs to another person.")})
        previous = person.user_id
        new = user.pk if user is not None else None
        if previous != new:
            person.user = user
            person.save(update_fields=["user"])
            audit_record(
                actor=actor,
                action="person.login_link",
                target=person,
                previous_user=previous,
                user=new,
                reason=reason,
            )
    return person

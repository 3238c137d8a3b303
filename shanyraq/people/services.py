"""Creating people and recording consent. Every module registers people through here."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.models import AuditEvent
from shanyraq.core.services import ERASED, admin_log_forget, audit_forget, audit_record
from shanyraq.people import conf
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
    """Record a consent given or withdrawn. Withdrawing the consent to keep a child's data erases
    the child's data (person_erase): nothing may be kept without it."""
    if kind not in Consent.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of consent.")})
    if kind == Consent.Kind.CHILD_DATA and not granted:
        person_erase(person=person, actor=actor)
        return Consent(kind=kind, granted=False, given_by=given_by, text_version=text_version)
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
    """Create a person; a child (under 18 today, or of unknown age and registered by a guardian)
    needs a guardian who consents to keeping the data."""
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
    # Someone registered by a guardian is a child unless their birth date says otherwise.
    child = probe.is_minor_on(today) or (guardian is not None and birth_date is None)
    if child:
        if guardian is None:
            errors["guardian"] = _("A child can only be registered by a guardian.")
        elif not guardian_consent:
            errors["guardian_consent"] = _("The guardian's consent is needed to keep a child's data.")
    if errors:
        raise ValidationError(errors)
    # No savepoint when nested (two queries fewer on the registration hot path): the checks above
    # raise before it, so only a database error can fail here, and that fails the caller's transaction.
    with transaction.atomic(savepoint=False):
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
        if guardian is not None and child:
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


def erased_person() -> Person:
    """The one placeholder Person that records of erased people point to (registrations keep
    their seats and attendance for the statistics, but no longer say whose they were)."""
    placeholder = Person.objects.filter(is_erased=True).first()
    if placeholder is not None:
        return placeholder
    try:
        with transaction.atomic():
            return Person.objects.create(name=ERASED, language=settings.LANGUAGE_CODE, is_erased=True)
    except IntegrityError:  # created meanwhile by another erasure
        return Person.objects.get(is_erased=True)


def identifying_texts(person: Person) -> list[str]:
    """What names the person in free text: names in every script, e-mail, phone, login name.
    (Not the birth date: as a bare date it would match unrelated dates in the audit trail.)"""
    texts = [*person.all_names, person.email, person.phone]
    user = person.user
    if user is not None:
        texts += [user.get_username(), user.email, user.first_name, user.last_name]
    return [t for t in texts if t]


def login_end(user) -> None:
    """Make a login unusable for good: no password, inactive, anonymous name, no sessions."""
    user.username = f"erased-{secrets.token_hex(8)}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def person_erase(*, person: Person, actor=None) -> None:
    """Erase a person: everything stored about them is deleted or irreversibly replaced.

    Each module's hook (people.conf.erasure_hooks) runs first and anonymizes what it keeps
    (loans and registrations stay as anonymous statistics); then the children whose data the
    person's consent covers are erased too, the audit trail and the admin history lose the
    person's names and links, the login ends, and the Person row is deleted. All or nothing.
    """
    today = timezone.localdate()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.is_erased:
            raise ValidationError(_("This person is already erased."))
        for child in person.children.all():
            if child.user_id is None and (child.birth_date is None or child.is_minor_on(today)):
                # A child's data is kept only on the guardian's consent, which goes with the guardian.
                person_erase(person=child, actor=actor)
            else:
                Person.objects.filter(pk=child.pk).update(guardian=None)
        words = identifying_texts(person)
        for hook in conf.erasure_hooks():
            words += list(hook(person=person, actor=actor) or [])
        user = person.user
        consents = list(person.consents.all())
        audit_forget(targets=[person, *consents], users=[user], words=words)
        admin_log_forget(targets=[person, *consents, *([user] if user else [])], words=words)
        if user is not None:
            if not user.is_staff:
                # A visitor's every action was about their own data; a member of staff's actions
                # on others stay attributed to the (now anonymous) login for accountability.
                AuditEvent.objects.filter(actor=user).update(actor=None)
            login_end(user)
        pk = person.pk
        person.delete()
        own = actor is not None and user is not None and getattr(actor, "pk", None) == user.pk
        audit_record(actor=None if own else actor, action="person.erase", target=Person(pk=pk))

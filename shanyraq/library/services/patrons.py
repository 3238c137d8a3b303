"""Patron cards and what patrons may ask about their own data (export; erasure is in privacy.py)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.library.models import Hold, Loan, Patron
from shanyraq.people.models import Consent, Person
from shanyraq.people.selectors import consent_current


def patron_create(
    *,
    person: Person,
    barcode: str,
    category: str = Patron.Category.ADULT,
    expires_on: dt.date | None = None,
    actor=None,
) -> Patron:
    barcode = (barcode or "").strip()
    errors = {}
    if not barcode:
        errors["barcode"] = _("A library card needs a barcode.")
    elif Patron.objects.filter(barcode=barcode).exists():
        errors["barcode"] = _("Another card already has this barcode.")
    if category not in Patron.Category.values:
        errors["category"] = _("Unknown patron category.")
    if category == Patron.Category.CHILD and person.guardian_id is None:
        errors["category"] = _("A child's card needs a guardian recorded for the child.")
    if Patron.objects.filter(person=person).exists():
        errors["person"] = _("This person already has a library card.")
    if errors:
        raise ValidationError(errors)
    expires_on = expires_on or timezone.localdate() + dt.timedelta(days=365)
    with transaction.atomic():
        patron = Patron.objects.create(
            person=person, barcode=barcode, category=category, expires_on=expires_on
        )
        audit_record(actor=actor, action="patron.create", target=patron)
    return patron


def pin_min_length() -> int:
    return int(getattr(settings, "LIBRARY_PIN_MIN_LENGTH", 4))


def validate_pin(pin: str, user=None) -> None:
    """A reader's secret is a PIN (digits, LIBRARY_PIN_MIN_LENGTH or more, like Koha's) or a
    password that passes the site's password rules. A short PIN is guessable only slowly: the
    sign-in lockout (decision 017) stops a login after five failures per address."""
    if pin.isdigit():
        if not pin_min_length() <= len(pin) <= 12:
            raise ValidationError(
                _("A PIN has %(min)s to 12 digits.") % {"min": pin_min_length()}, code="pin_length"
            )
        return
    validate_password(pin, user)


def patron_pin_set(*, patron: Patron, pin: str, actor=None) -> Patron:
    """Give the reader their PIN or password for signing in with their card number or e-mail,
    creating their login if they have none. Staff logins keep their own, stronger passwords."""
    pin = (pin or "").strip()
    user = patron.person.user
    if user is not None and (user.is_staff or user.is_superuser):
        raise ValidationError({"pin": _("This reader signs in as staff: they change their own password.")})
    try:
        validate_pin(pin, user)
    except ValidationError as exc:
        raise ValidationError({"pin": exc.messages}) from exc
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=patron.person_id)
        if person.user_id is None:
            # Readers sign in with their card number or e-mail; the login's name is never typed.
            user = get_user_model().objects.create_user(username=f"reader-{secrets.token_hex(6)}")
            person.user = user
            person.save(update_fields=["user"])
        else:
            user = person.user
        user.set_password(pin)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="patron.pin_set", target=patron)
    patron.person = person
    return patron


def keeps_history(patron: Patron) -> bool:
    return consent_current(patron.person, Consent.Kind.LOAN_HISTORY)


def patron_export(*, patron: Patron) -> dict:
    """Everything the library holds about a patron, as plain JSON-able data."""
    person = patron.person
    loans = Loan.objects.filter(patron=patron).select_related("copy__record").order_by("checked_out_at")
    holds = Hold.objects.filter(patron=patron).select_related("record").order_by("placed_at")
    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "language": person.language,
        },
        "card": {
            "barcode": patron.barcode,
            "category": patron.category,
            "expires_on": patron.expires_on.isoformat(),
        },
        "keeps_loan_history": keeps_history(patron),
        "loans": [
            {
                "title": loan.copy.record.title,
                "copy": loan.copy.barcode,
                "checked_out_at": loan.checked_out_at.isoformat(),
                "due_on": loan.due_on.isoformat(),
                "returned_at": loan.returned_at.isoformat() if loan.returned_at else None,
                "renewals": loan.renewals,
            }
            for loan in loans
        ],
        "holds": [
            {"title": h.record.title, "status": h.status, "placed_at": h.placed_at.isoformat()} for h in holds
        ],
        "blocks": [
            {
                "reason": b.reason,
                "created_at": b.created_at.isoformat(),
                "until": b.until.isoformat() if b.until else None,
                "lifted_at": b.lifted_at.isoformat() if b.lifted_at else None,
            }
            for b in patron.blocks.order_by("created_at")
        ],
    }

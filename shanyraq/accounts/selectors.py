"""Reads about logins: their second factor, their address and language for e-mail."""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from shanyraq.accounts import conf


def totp_device(user) -> TOTPDevice | None:
    """The login's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_required(user) -> bool:
    """Directors and superusers must use a second factor (unless the setting turns it off)."""
    if not (user.is_authenticated and conf.two_factor_required()):
        return False
    return user.is_superuser or user.groups.filter(name__in=conf.two_factor_roles()).exists()


def needs_second_factor(user) -> bool:
    return user.is_authenticated and (totp_device(user) is not None or two_factor_required(user))


def contact(user, fallback_language: str | None = None) -> tuple[str, str]:
    """(address, language) to write to a login: its person's, else the account's own address."""
    person = getattr(user, "person", None)
    address = (person.email if person is not None else "") or user.email
    language = person.language if person is not None else (fallback_language or settings.LANGUAGE_CODE)
    return address, language

"""Sign-in changes: password reset requests, unlocking after a new password, second factors."""

from __future__ import annotations

import time

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from shanyraq.accounts import notifications, selectors
from shanyraq.accounts.identifiers import normalize, user_by_email
from shanyraq.accounts.throttle import key_for_user
from shanyraq.core.services import audit_record


def password_reset_request(*, email: str, fallback_language: str) -> bool:
    """E-mail a reset link to the login with this address, if there is exactly one that may sign
    in. The caller answers the same whatever this returns (no telling which addresses exist)."""
    address = normalize(email)
    user = user_by_email(address) if address else None
    if user is None or not user.is_active or not user.has_usable_password():
        return False
    with transaction.atomic():
        notifications.password_reset(user, fallback_language=fallback_language)
    return True


def sign_in_unlock(*, user) -> int:
    """Lift the sign-in lockout of a login (its owner proved who they are: a new password)."""
    return AxesProxyHandler.reset_attempts(username=key_for_user(user))


def password_set(*, user, password: str, actor=None) -> None:
    """A new password (validated by the form): older reset links die with the old hash."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor or user, action="password_set", target=user)
    sign_in_unlock(user=user)


def totp_key_new() -> str:
    return random_hex(20)


def totp_matches(key: str, code: str) -> bool:
    code = normalize(code).replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    totp.time = time.time()
    return totp.verify(int(code), tolerance=1)


def totp_device_confirm(*, user, key: str, code: str) -> TOTPDevice:
    """Keep the authenticator the user just scanned, once it shows a right code."""
    if not totp_matches(key, code):
        raise ValidationError(_("That code is not right. Check the time on your phone and try again."))
    return totp_device_install(user=user, key=key, actor=user, used_now=True)


def totp_device_install(*, user, key: str, actor, used_now: bool = False) -> TOTPDevice:
    """Give a login this authenticator key, replacing any other (`used_now`: the current code
    was just shown, so it cannot be replayed)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=user.pk)
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name="authenticator",
            key=key,
            confirmed=True,
            last_t=int(time.time()) // 30 if used_now else -1,
        )
        audit_record(actor=actor, action="two_factor_added", target=user)
    return device


def totp_device_remove(*, user, actor) -> None:
    if selectors.two_factor_required(user):
        raise ValidationError(_("Your role requires two-step sign-in; it cannot be turned off."))
    totp_device_reset(user=user, actor=actor)


def totp_device_reset(*, user, actor) -> None:
    """Remove the authenticator (the owner turns it off, or an operator after a lost phone)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit_record(actor=actor, action="two_factor_removed", target=user)


def person_forget(*, person, actor=None) -> list[str]:
    """Erasure hook (people.conf): the login's sign-in failures and authenticators go too.

    The attempts table keys failures by `user-<pk>` (no address), but a lockout row still says
    that this login tried to sign in, from when; an erased person leaves no such trace."""
    from axes.models import AccessAttempt, AccessFailureLog

    if person.user_id is None:
        return []
    key = key_for_user(person.user)
    AccessAttempt.objects.filter(username=key).delete()
    AccessFailureLog.objects.filter(username=key).delete()
    TOTPDevice.objects.filter(user_id=person.user_id).delete()
    return []

"""E-mails about sign-in, written in the recipient's language (their Person's), not the asker's,
and stored in the outbox inside the caller's transaction (docs/decisions/010-mail-outbox.md)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from shanyraq.accounts import conf, selectors
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.services import outbox_enqueue


def password_reset_link(user) -> str:
    """An absolute link with a token that dies after PASSWORD_RESET_TIMEOUT or the next password
    change; call it inside the recipient's language so the page opens in it."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path


def password_reset(user, *, fallback_language: str) -> OutboxMessage | None:
    address, language = selectors.contact(user, fallback_language)
    if not address:
        return None
    with translation.override(language):
        subject = _("Set a new password for %(center)s") % {"center": settings.SHANYRAQ["CENTER_NAME"]}
        body = render_to_string(
            "accounts/email/password_reset.txt",
            {
                "link": password_reset_link(user),
                "hours": conf.reset_link_hours(),
                "login_names": _login_names(user),
                "center": settings.SHANYRAQ["CENTER_NAME"],
            },
        )
    return outbox_enqueue(
        to=address,
        subject=subject,
        body=body,
        language=language,
        related=user,
        topic="accounts.password_reset",
    )


def _login_names(user) -> list[str]:
    """What the person can type to sign in: the username, and the card number if they have one."""
    names = [user.get_username()]
    person = getattr(user, "person", None)
    patron = getattr(person, "patron", None) if person is not None else None
    if patron is not None:
        names.append(patron.barcode)
    return names

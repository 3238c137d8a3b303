"""Signed links in newsletter e-mails: confirm a sign-up, open the preferences, unsubscribe.

A confirmation link carries what was asked for (language, topics) and the subscriber's
`generation`, so a link signed before an unsubscribe never re-subscribes; it expires after
NEWSLETTER_CONFIRM_DAYS. A preferences / unsubscribe link works for NEWSLETTER_LINK_DAYS."""

from __future__ import annotations

from django.core import signing

from shanyraq.newsletter import conf

SALT = "shanyraq.newsletter"


def confirm_token(subscriber_id: int, generation: int, language: str, topics: list[str]) -> str:
    return signing.dumps(
        {"s": subscriber_id, "a": "confirm", "g": generation, "l": language, "t": topics},
        salt=SALT,
        compress=True,
    )


def link_token(subscriber_id: int) -> str:
    """One token for the preferences page and the one-click unsubscribe (short: it is in every header)."""
    return signing.dumps({"s": subscriber_id, "a": "prefs"}, salt=SALT)


def read(token: str, action: str) -> dict | None:
    """The signed data, or None when the token is forged, expired or for another action."""
    max_age = conf.confirm_max_age() if action == "confirm" else conf.link_max_age()
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != action or not isinstance(data.get("s"), int):
        return None
    return data

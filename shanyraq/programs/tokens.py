"""Signed links in e-mails: cancel, confirm the address, accept an offered seat. No login needed."""

from __future__ import annotations

from django.core import signing

SALT = "shanyraq.programs.registration"
ACTIONS = ("cancel", "verify", "accept")


def make(registration_id: int, action: str) -> str:
    return signing.dumps({"r": registration_id, "a": action}, salt=SALT, compress=True)


def read(token: str, action: str, max_age_days: int = 400) -> int | None:
    """The registration id, or None if the token is forged, expired or for another action."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != action:
        return None
    return data.get("r")

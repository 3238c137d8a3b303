"""Signed links in e-mails (confirm the address, the guardian's consent). No login needed.

The same shape as programs.tokens (django.core.signing with our own salt); exchange may not
import programs, and a token of one module must never open another's page."""

from __future__ import annotations

from django.core import signing

SALT = "shanyraq.exchange"


def make(pk: int, action: str) -> str:
    return signing.dumps({"i": pk, "a": action}, salt=SALT, compress=True)


def read(token: str, action: str, max_age_days: int = 7) -> int | None:
    """The id, or None if the token is forged, expired or for another action."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != action or not isinstance(data.get("i"), int):
        return None
    return data["i"]

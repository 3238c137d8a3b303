"""Settings of the newsletter, read at call time (override any of them in settings.py).

NEWSLETTER_CONFIRM_DAYS        a confirmation link works this many days (default 7)
NEWSLETTER_LINK_DAYS           a preferences / unsubscribe link works this long (default 400)
NEWSLETTER_SIGNUP_RATE_IP      sign-ups per visitor IP, "count/seconds" (default "10/600")
NEWSLETTER_SIGNUP_RATE_EMAIL   sign-up attempts per address, "count/seconds" (default "5/3600")
NEWSLETTER_CONFIRM_RESEND_SECONDS  at most one confirmation e-mail per address in this window
                               (default 3600): repeated sign-ups never flood a mailbox
NEWSLETTER_SEND_RATE           messages per second one worker hands to SMTP (default 20; 0 = no limit)
NEWSLETTER_SMTP_CONNECTIONS    SMTP connections one worker sends a mailing over at once (default 2), sharing the rate
NEWSLETTER_BATCH               deliveries one worker claims at a time (default 50)
NEWSLETTER_CLAIM_SECONDS       claimed deliveries of a dead worker are taken again after this (default 300)
NEWSLETTER_MAX_ATTEMPTS        tries of one delivery before it is failed (default 5)
NEWSLETTER_BOUNCES_TO_SUPPRESS hard bounces (5xx) after which an address is suppressed (default 2)
NEWSLETTER_MAX_BYTES           the largest HTML part an edition may have (default 100_000: Gmail clips at 102 KB)
NEWSLETTER_KEEP_UNCONFIRMED_DAYS  pending sign-ups never confirmed are deleted after this (default 30)
NEWSLETTER_FROM_EMAIL          sender of the newsletter (default DEFAULT_FROM_EMAIL)
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from shanyraq.core.ratelimit import Rate


def _get(name: str, default):
    return getattr(settings, name, default)


def confirm_max_age() -> int:
    return int(_get("NEWSLETTER_CONFIRM_DAYS", 7)) * 86400


def link_max_age() -> int:
    return int(_get("NEWSLETTER_LINK_DAYS", 400)) * 86400


def signup_rate_ip() -> Rate:
    return Rate.parse(_get("NEWSLETTER_SIGNUP_RATE_IP", "10/600"))


def signup_rate_email() -> Rate:
    return Rate.parse(_get("NEWSLETTER_SIGNUP_RATE_EMAIL", "5/3600"))


def confirm_resend() -> dt.timedelta:
    return dt.timedelta(seconds=int(_get("NEWSLETTER_CONFIRM_RESEND_SECONDS", 3600)))


def send_rate() -> float:
    return float(_get("NEWSLETTER_SEND_RATE", 20))


def smtp_connections() -> int:
    """SMTP connections one worker sends a mailing over at once (NEWSLETTER_SMTP_CONNECTIONS)."""
    return max(1, int(_get("NEWSLETTER_SMTP_CONNECTIONS", 2)))


def batch_size() -> int:
    return max(1, int(_get("NEWSLETTER_BATCH", 50)))


def claim_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=int(_get("NEWSLETTER_CLAIM_SECONDS", 300)))


def max_attempts() -> int:
    return int(_get("NEWSLETTER_MAX_ATTEMPTS", 5))


def bounces_to_suppress() -> int:
    return int(_get("NEWSLETTER_BOUNCES_TO_SUPPRESS", 2))


def max_bytes() -> int:
    return int(_get("NEWSLETTER_MAX_BYTES", 100_000))


def keep_unconfirmed() -> dt.timedelta:
    return dt.timedelta(days=int(_get("NEWSLETTER_KEEP_UNCONFIRMED_DAYS", 30)))


def from_email() -> str:
    return _get("NEWSLETTER_FROM_EMAIL", "") or settings.DEFAULT_FROM_EMAIL

"""Settings of the outbox, read at call time (override any of them in settings.py).

MAIL_MAX_ATTEMPTS       tries before a message is marked failed (default 12, about a day and a half)
MAIL_RETRY_BASE_SECONDS wait after the first failure; each further failure doubles it (default 60)
MAIL_RETRY_MAX_SECONDS  the longest wait between two tries (default 6 hours)
MAIL_CLAIM_SECONDS      a message claimed by a worker that died is tried again after this (default 15 min)
MAIL_SMTP_TIMEOUT       seconds before an unanswering SMTP server counts as down (default 30)
MAIL_KEEP_SENT_DAYS     sent messages (with their bodies) are deleted after this many days (default 30)
SHANYRAQ_DEMO_MAIL      True: e-mail stays on this machine and staff read it on the mail viewer page.
                        Default: on when the e-mail backend is the console or locmem backend.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

CONSOLE = {"django.core.mail.backends.console.EmailBackend"}
DEMO_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}


def max_attempts() -> int:
    return int(getattr(settings, "MAIL_MAX_ATTEMPTS", 12))


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off: base, 2 x base, 4 x base ... capped."""
    base = int(getattr(settings, "MAIL_RETRY_BASE_SECONDS", 60))
    cap = int(getattr(settings, "MAIL_RETRY_MAX_SECONDS", 6 * 3600))
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def claim_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "MAIL_CLAIM_SECONDS", 15 * 60)))


def smtp_timeout() -> float:
    return float(getattr(settings, "MAIL_SMTP_TIMEOUT", 30))


def keep_sent() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "MAIL_KEEP_SENT_DAYS", 30)))


def demo_mode() -> bool:
    flag = getattr(settings, "SHANYRAQ_DEMO_MAIL", None)
    if flag is not None:
        return bool(flag)
    return settings.EMAIL_BACKEND in DEMO_BACKENDS


def delivery_line(base_url: str) -> str:
    """One line for the README and the `make run` banner: where the e-mails go."""
    if demo_mode():
        printed = " (the worker also prints them)" if settings.EMAIL_BACKEND in CONSOLE else ""
        return (
            f"E-mail (demo): nothing leaves this machine; staff read every message at "
            f"{base_url}/en/staff/mail/viewer/{printed}."
        )
    host = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"E-mail: sent by the worker through SMTP {host}; the director sees the outbox at {base_url}/en/staff/mail/."

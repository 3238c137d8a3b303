"""The outbox's /health check: e-mail is flowing when nothing has waited too long to be sent.

ops' health registry calls `pending_emails()` (Check("pending_emails", "shanyraq.mail.health.pending_emails"))
and reads `.ok` and `.detail`. Failed messages are counted but do not fail the check on their
own (one bad address must not page anyone); a message pending longer than
MAIL_PENDING_ALARM_SECONDS (default 1 hour) means the SMTP server or the worker is down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from shanyraq.mail.selectors import outbox_counts


@dataclass
class Status:  # the shape ops.health.Status has: ok, and plain JSON detail (counts, ages, no personal data)
    ok: bool
    detail: dict = field(default_factory=dict)


def pending_emails() -> Status:
    counts = outbox_counts()
    alarm = int(getattr(settings, "MAIL_PENDING_ALARM_SECONDS", 3600))
    return Status(counts["oldest_pending_seconds"] <= alarm, {**counts, "alarm_seconds": alarm})

"""Background work: the daily jobs of the library (their e-mails go through the outbox, shanyraq/mail)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_overdue_reminders() -> int:
    """Daily: store one reminder per overdue loan; the outbox sends them after each commit."""
    from shanyraq.library.services.circulation import loans_remind_overdue

    return loans_remind_overdue()


@task()
def expire_holds() -> int:
    from shanyraq.library.services.circulation import holds_expire

    return holds_expire()


@task()
def anonymize_loans() -> list[int]:
    """The daily job: loans and holds older than the history period lose their reader."""
    from shanyraq.library.services.privacy import history_anonymize

    return list(history_anonymize())

"""Background jobs of the programs (their e-mails go through the outbox: programs/notifications.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def expire_offers() -> int:
    """The same work as `manage.py programs_expire_offers`, for a scheduler that enqueues tasks."""
    from shanyraq.programs.services.registrations import offers_expire

    return offers_expire()


@task()
def send_reminders() -> int:
    from shanyraq.programs.services.registrations import reminders_send

    return reminders_send()

"""Background work of the spaces module: thin wrappers that a scheduler enqueues."""

from __future__ import annotations

from django_tasks import task


@task()
def expire_booking_requests() -> int:
    """The same work as `manage.py expire_booking_requests`."""
    from shanyraq.spaces.services import booking_requests_expire

    return booking_requests_expire()

"""Thin task wrappers (the worker runs them outside any transaction)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_mailing(mailing_id: int) -> int:
    """Send one mailing now (enqueued when it starts)."""
    from shanyraq.newsletter.services.sending import mailing_send

    return mailing_send(mailing_id=mailing_id).sent


@task()
def send_due() -> int:
    """Every minute: start scheduled mailings, resume any a dead worker left half-sent."""
    from shanyraq.newsletter.services.sending import send_due as run

    return run().sent


@task()
def prune() -> int:
    """Daily: delete sign-ups that were never confirmed (NEWSLETTER_KEEP_UNCONFIRMED_DAYS)."""
    from shanyraq.newsletter.services.subscribers import prune_unconfirmed

    return prune_unconfirmed()

"""Thin task wrappers around the outbox services (the worker runs them outside any transaction)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_outbox_message(message_id: int) -> int:
    """Try one message now (enqueued when the transaction that wrote it commits)."""
    from shanyraq.mail.services import outbox_send_due

    return outbox_send_due(ids=[message_id]).sent


@task()
def send_due_outbox() -> int:
    """The periodic job: send everything due (new, or waiting for its next try). Every few minutes."""
    from shanyraq.mail.services import outbox_send_due

    return outbox_send_due().sent


@task()
def prune_outbox() -> int:
    """The daily job: delete sent messages older than MAIL_KEEP_SENT_DAYS."""
    from shanyraq.mail.services import outbox_prune

    return outbox_prune()

"""Thin task wrappers the scheduler runs (ops.jobs registry; see apps.ExchangeConfig.ready)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders() -> int:
    from shanyraq.exchange.services.tandems import reminders_send

    return reminders_send()


@task()
def prune_joins() -> int:
    from shanyraq.exchange.services.members import joins_prune

    return joins_prune()


@task()
def close_calls() -> int:
    from shanyraq.exchange.services.calls import calls_close_due

    return calls_close_due()

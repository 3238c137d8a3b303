"""The jobs the scheduler runs by itself: a registry other modules extend.

Each job names what it runs: `call=` a dotted path to a function (or a django-tasks task, which
is then called in place) or `command=` a management command. The scheduler enqueues a run at the
due time; the worker runs it and records the outcome (ops.models.JobRun). To add a job, append
to JOBS (or call `register(Job(...))` from an app's ready()):

    JOBS.append(Job("backup", Daily(dt.time(2, 30)), command="backup"))

Times are local (settings.TIME_ZONE). A daily job missed while the scheduler was down runs once
when it comes back; a new daily job first runs at its next due time, an interval job at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Daily:
    at: dt.time

    def __str__(self) -> str:
        return f"daily {self.at:%H:%M}"

    def first_due(self, now: dt.datetime) -> dt.datetime:
        return self.next_after(now)

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """The first local `at` strictly after `moment`."""
        zone = timezone.get_current_timezone()
        local = moment.astimezone(zone)
        candidate = dt.datetime.combine(local.date(), self.at, tzinfo=zone)
        if candidate <= local:
            candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), self.at, tzinfo=zone)
        return candidate


@dataclass(frozen=True)
class Every:
    minutes: int

    def __str__(self) -> str:
        return f"every {self.minutes} min"

    def first_due(self, now: dt.datetime) -> dt.datetime:
        return now

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        return moment + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Daily | Every
    call: str = ""
    command: str = ""

    def __post_init__(self):
        if bool(self.call) == bool(self.command):
            raise ValueError(f"job {self.name!r} needs exactly one of call= or command=")


JOBS: list[Job] = [
    # Sign of life of the worker for /health: the scheduler enqueues it, a worker must run it.
    Job("worker_heartbeat", Every(minutes=1), call="shanyraq.ops.services.worker_heartbeat"),
    Job("send_outbox", Every(minutes=2), call="shanyraq.mail.tasks.send_due_outbox"),
    Job("programs_expire_offers", Every(minutes=5), call="shanyraq.programs.tasks.expire_offers"),
    Job("expire_booking_requests", Every(minutes=15), call="shanyraq.spaces.tasks.expire_booking_requests"),
    Job("expire_holds", Daily(dt.time(0, 15)), call="shanyraq.library.tasks.expire_holds"),
    Job("loans_out_start", Daily(dt.time(0, 10)), call="shanyraq.collection.services.loans.loans_out_start"),
    Job("anonymize_loans", Daily(dt.time(3, 0)), call="shanyraq.library.tasks.anonymize_loans"),
    # After anonymization, so the night's archive holds no more than it must (docs/backups.md).
    Job("backup", Daily(dt.time(3, 15)), call="shanyraq.backups.tasks.backup_daily"),
    Job("prune_job_runs", Daily(dt.time(3, 30)), call="shanyraq.ops.services.job_runs_prune"),
    # After the night's anonymization and imports: keeps no-hit searches fast (docs/decisions/014).
    Job("optimize_search", Daily(dt.time(4, 0)), command="optimize_search"),
    Job("prune_outbox", Daily(dt.time(3, 40)), call="shanyraq.mail.tasks.prune_outbox"),
    Job("idempotency_prune", Daily(dt.time(3, 45)), call="shanyraq.api.idempotency.idempotency_prune"),
    Job("send_overdue_reminders", Daily(dt.time(9, 0)), call="shanyraq.library.tasks.send_overdue_reminders"),
    Job("programs_send_reminders", Daily(dt.time(10, 0)), call="shanyraq.programs.tasks.send_reminders"),
]


def register(job: Job) -> None:
    """Add a job (idempotent by name: a second registration replaces the first)."""
    JOBS[:] = [existing for existing in JOBS if existing.name != job.name] + [job]


def get(name: str) -> Job | None:
    return next((job for job in JOBS if job.name == name), None)

"""What staff and /health read about the jobs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shanyraq.ops import jobs
from shanyraq.ops.models import Heartbeat, JobRun, ScheduledJob


def latest_run(job_name: str, *, finished: bool = False) -> JobRun | None:
    runs = JobRun.objects.filter(job=job_name)
    if finished:
        runs = runs.filter(finished_at__isnull=False)
    return runs.order_by("-scheduled_for", "-pk").first()


def latest_run_ids() -> list[int]:
    """The newest run of every job that ever ran (registered or not)."""
    names = JobRun.objects.values_list("job", flat=True).distinct()
    return [run.pk for name in names if (run := latest_run(name)) is not None]


@dataclass
class JobLine:
    job: jobs.Job
    next_run_at: dt.datetime | None
    last: JobRun | None
    last_finished: JobRun | None


def job_overview() -> list[JobLine]:
    """Every registered job with its schedule, next due time, last run and last finished run."""
    states = dict(ScheduledJob.objects.values_list("name", "next_run_at"))
    return [
        JobLine(job, states.get(job.name), latest_run(job.name), latest_run(job.name, finished=True))
        for job in jobs.JOBS
    ]


def recent_runs(limit: int = 50) -> list[JobRun]:
    """The latest runs, without the minute-by-minute worker heartbeat."""
    return list(JobRun.objects.exclude(job="worker_heartbeat").order_by("-scheduled_for", "-pk")[:limit])


def heartbeat(name: str) -> dt.datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True).first()


def audit_events(
    *,
    action: str = "",
    target_type: str = "",
    target_id: str = "",
    actor: str = "",
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
):
    """The audit trail, newest first, narrowed by what the director asks: an action or its prefix
    ("registration." for every registration change), a record type and number, the login name of
    who acted, and a span of days (in the center's time zone)."""
    from django.utils import timezone

    from shanyraq.core.models import AuditEvent

    events = AuditEvent.objects.select_related("actor").order_by("-at", "-pk")
    if action:
        events = events.filter(action__startswith=action)
    if target_type:
        events = events.filter(target_type=target_type)
    if target_id:
        events = events.filter(target_id=target_id)
    if actor:
        events = events.filter(actor__username=actor)
    if day_from:
        events = events.filter(at__gte=timezone.make_aware(dt.datetime.combine(day_from, dt.time.min)))
    if day_to:
        events = events.filter(
            at__lt=timezone.make_aware(dt.datetime.combine(day_to, dt.time.min)) + dt.timedelta(days=1)
        )
    return events


def audit_record_types() -> list[str]:
    from shanyraq.core.models import AuditEvent

    return list(AuditEvent.objects.order_by("target_type").values_list("target_type", flat=True).distinct())

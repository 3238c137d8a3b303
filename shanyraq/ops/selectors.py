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

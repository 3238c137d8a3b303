"""The scheduler's work: claim due runs exactly once, run them, record what happened."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterable

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from shanyraq.core.logging import redact
from shanyraq.ops import conf, jobs, selectors
from shanyraq.ops.models import Heartbeat, JobRun, ScheduledJob

logger = logging.getLogger(__name__)

RESULT_MAX = 500


def heartbeat_beat(name: str, *, now: dt.datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": now or timezone.now()})


def worker_heartbeat() -> str:
    """The job the worker runs every minute: its only effect is the worker's heartbeat."""
    heartbeat_beat("worker")
    return "ok"


def _claim(job: jobs.Job, now: dt.datetime) -> JobRun | None:
    """Create this job's run if it is due, exactly once across any number of schedulers."""
    with transaction.atomic():
        state = ScheduledJob.objects.filter(name=job.name).first()
        if state is None or state.schedule != str(job.schedule):
            # New job, or its schedule changed: set its first due time, run nothing yet.
            ScheduledJob.objects.update_or_create(
                name=job.name,
                defaults={"schedule": str(job.schedule), "next_run_at": job.schedule.first_due(now)},
            )
            state = ScheduledJob.objects.get(name=job.name)
        due = state.next_run_at
        if due > now:
            return None
        following = job.schedule.next_after(due)
        if following <= now:  # missed while nobody ran the scheduler: run once, then on time
            following = job.schedule.next_after(now)
        # The claim: only the scheduler whose UPDATE still sees the old due time moves it on.
        if ScheduledJob.objects.filter(name=job.name, next_run_at=due).update(next_run_at=following) != 1:
            return None
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, scheduled_for=due)
        except IntegrityError:  # a run for this due time exists already (the constraint's guard)
            return None
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from shanyraq.ops.tasks import run_job

    run_job.enqueue(run_id)


def scheduler_tick(
    *, now: dt.datetime | None = None, registry: Iterable[jobs.Job] | None = None
) -> list[JobRun]:
    """One look at the clock: enqueue every due job, note the scheduler's heartbeat."""
    now = now or timezone.now()
    claimed = []
    for job in jobs.JOBS if registry is None else registry:
        try:
            run = _claim(job, now)
        except Exception:
            logger.exception("scheduler could not claim job %s", job.name)
            continue
        if run is not None:
            claimed.append(run)
    heartbeat_beat("scheduler", now=now)
    return claimed


def _call(job: jobs.Job) -> object:
    if job.command:
        out = io.StringIO()
        call_command(job.command, stdout=out)
        return out.getvalue().strip()
    target = import_string(job.call)
    call = getattr(target, "call", None)  # a django-tasks task: run its function here, in the worker
    return call() if callable(call) else target()


def job_run_execute(*, run_id: int) -> str:
    """Run one claimed job (in the worker) and record its outcome; never raises for the job's errors."""
    # queued -> running with a conditional UPDATE: a run enqueued twice still runs once.
    if (
        JobRun.objects.filter(pk=run_id, status=JobRun.Status.QUEUED).update(
            status=JobRun.Status.RUNNING, started_at=timezone.now()
        )
        != 1
    ):
        return JobRun.Status.RUNNING.value
    run = JobRun.objects.get(pk=run_id)
    job = jobs.get(run.job)
    try:
        if job is None:
            raise LookupError(f"no job named {run.job!r} is registered")
        result, status = _call(job), JobRun.Status.SUCCEEDED
        text = "" if result is None else str(result)
    except Exception as exc:
        logger.exception("job %s failed", run.job)
        status, text = JobRun.Status.FAILED, f"{type(exc).__name__}: {exc}"
    JobRun.objects.filter(pk=run_id).update(
        status=status, finished_at=timezone.now(), result=redact(text)[:RESULT_MAX]
    )
    return status.value


def job_runs_prune(*, days: int | None = None) -> int:
    """Forget runs older than the history period (OPS_RUN_HISTORY_DAYS), keeping each job's latest."""
    cutoff = timezone.now() - dt.timedelta(days=days if days is not None else conf.run_history_days())
    deleted, _detail = (
        JobRun.objects.filter(scheduled_for__lt=cutoff).exclude(pk__in=selectors.latest_run_ids()).delete()
    )
    return deleted

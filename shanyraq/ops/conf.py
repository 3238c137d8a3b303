"""Settings of the ops module (scheduler, health), overridable in Django settings."""

from __future__ import annotations

from django.conf import settings

# How often the scheduler wakes up to look for due jobs (seconds).
SCHEDULER_INTERVAL_SECONDS = 10
# /health fails when the scheduler has not ticked, or the worker has not run the heartbeat job,
# for this long (seconds). The heartbeat job runs every minute.
SCHEDULER_STALE_SECONDS = 180
WORKER_STALE_SECONDS = 300
# Job runs older than this are deleted by the daily `prune_job_runs` job.
RUN_HISTORY_DAYS = 30


def scheduler_interval() -> float:
    return float(getattr(settings, "OPS_SCHEDULER_INTERVAL_SECONDS", SCHEDULER_INTERVAL_SECONDS))


def scheduler_stale_seconds() -> int:
    return int(getattr(settings, "OPS_SCHEDULER_STALE_SECONDS", SCHEDULER_STALE_SECONDS))


def worker_stale_seconds() -> int:
    return int(getattr(settings, "OPS_WORKER_STALE_SECONDS", WORKER_STALE_SECONDS))


def run_history_days() -> int:
    return int(getattr(settings, "OPS_RUN_HISTORY_DAYS", RUN_HISTORY_DAYS))

"""/health: a registry of checks, each answering whether one part of the site works.

A check is a function returning `Status(ok, detail)`; detail is plain JSON data (counts, ages,
times), never personal data. Other modules add theirs:

    from shanyraq.ops.health import CHECKS, Check
    CHECKS.append(Check("pending_emails", "shanyraq.mail.health.pending_emails"))

The endpoint answers 200 when every check is ok, 503 when one fails (or raises).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from shanyraq.ops import conf, jobs, selectors
from shanyraq.ops.models import JobRun

logger = logging.getLogger(__name__)


@dataclass
class Status:
    ok: bool
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    name: str
    call: str  # dotted path to a function () -> Status


def database() -> Status:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Status(True, {"vendor": connection.vendor})


def _heartbeat(name: str, stale_seconds: int) -> Status:
    seen = selectors.heartbeat(name)
    if seen is None:
        return Status(False, {"last_seen": None})
    age = (timezone.now() - seen).total_seconds()
    return Status(age <= stale_seconds, {"last_seen": seen.isoformat(), "age_seconds": round(age)})


def worker() -> Status:
    """The worker ran the heartbeat job recently (so it takes tasks from the queue)."""
    return _heartbeat("worker", conf.worker_stale_seconds())


def scheduler() -> Status:
    """The scheduler looked at the clock recently; the last run of each job and its outcome."""
    status = _heartbeat("scheduler", conf.scheduler_stale_seconds())
    failed = []
    last_runs = {}
    for job in jobs.JOBS:
        run = selectors.latest_run(job.name, finished=True)
        if run is not None:
            last_runs[job.name] = {"at": run.finished_at.isoformat(), "status": run.status}
            if run.status == JobRun.Status.FAILED:
                failed.append(job.name)
    status.detail.update({"jobs": last_runs, "failed_jobs": failed})
    status.ok = status.ok and not failed
    return status


def last_backup() -> Status:
    """The newest backup archive is younger than BACKUP_MAX_AGE_HOURS (the nightly `backup` job ran)."""
    from shanyraq.backups.selectors import backup_status

    status = backup_status()
    at = status.last_backup_at
    return Status(
        status.ok,
        {
            "last_backup_at": at.isoformat() if at else None,
            "age_seconds": round((timezone.now() - at).total_seconds()) if at else None,
        },
    )


CHECKS: list[Check] = [
    Check("database", "shanyraq.ops.health.database"),
    Check("worker", "shanyraq.ops.health.worker"),
    Check("scheduler", "shanyraq.ops.health.scheduler"),
    Check("pending_emails", "shanyraq.mail.health.pending_emails"),
    Check("last_backup", "shanyraq.ops.health.last_backup"),
]


def run_checks() -> tuple[bool, dict[str, dict]]:
    results = {}
    for check in CHECKS:
        try:
            status = import_string(check.call)()
        except Exception as exc:
            logger.exception("health check %s raised", check.name)
            status = Status(False, {"error": type(exc).__name__})
        results[check.name] = {"ok": status.ok, **status.detail}
    return all(result["ok"] for result in results.values()), results

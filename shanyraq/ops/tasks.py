"""The worker's side of the scheduler: a thin wrapper around the service."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(run_id: int) -> str:
    from shanyraq.ops.services import job_run_execute

    return job_run_execute(run_id=run_id)

"""What the scheduler knows: each job's next due time, each run and its outcome, heartbeats."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class ScheduledJob(models.Model):
    """One row per registered job (ops/jobs.py). Claiming a run moves `next_run_at` forward with
    a conditional UPDATE, so of two schedulers only one gets each run."""

    name = models.CharField(max_length=80, primary_key=True)
    schedule = models.CharField(max_length=80)  # the schedule's text when next_run_at was computed
    next_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job run", "Queued")
        RUNNING = "running", pgettext_lazy("job run", "Running")
        SUCCEEDED = "succeeded", pgettext_lazy("job run", "Succeeded")
        FAILED = "failed", pgettext_lazy("job run", "Failed")

    job = models.CharField(pgettext_lazy("scheduler", "job"), max_length=80)
    scheduled_for = models.DateTimeField(pgettext_lazy("scheduler", "due at"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    enqueued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the job returned (counts), or the exception's class and message; never personal data
    # on purpose, and redacted like the logs in case a message carries some.
    result = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        constraints = [
            # The database's own guard: one run per job and due time, whatever the scheduler does.
            models.UniqueConstraint(fields=["job", "scheduled_for"], name="ops_jobrun_one_per_due_time"),
        ]
        indexes = [models.Index(fields=["job", "-scheduled_for"], name="ops_jobrun_job_latest")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.scheduled_for:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class Heartbeat(models.Model):
    """The last sign of life of a long-running process kind ("scheduler", "worker")."""

    name = models.CharField(max_length=40, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.seen_at:%Y-%m-%d %H:%M:%S}"

"""The scheduler: due jobs run once at their time, missed ones once later, outcomes recorded."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
import time_machine
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string

from shanyraq.ops import jobs
from shanyraq.ops.jobs import Daily, Every, Job
from shanyraq.ops.models import JobRun, ScheduledJob
from shanyraq.ops.services import job_run_execute, job_runs_prune, scheduler_tick
from shanyraq.ops.tests import jobs_for_tests

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
NIGHTLY = Job("nightly", Daily(dt.time(3, 0)), call="shanyraq.ops.tests.jobs_for_tests.record_call")


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, second, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def calls():
    jobs_for_tests.CALLS.clear()
    yield jobs_for_tests.CALLS
    jobs_for_tests.CALLS.clear()


@pytest.fixture
def registry(monkeypatch):
    """The real registry plus the test job, restored afterwards."""
    monkeypatch.setattr(jobs, "JOBS", [NIGHTLY])
    return jobs.JOBS


def tick_at(moment: dt.datetime, django_capture_on_commit_callbacks) -> list[str]:
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return [run.job for run in scheduler_tick()]


@pytest.mark.django_db
def test_a_job_due_at_3_runs_when_the_clock_passes_3_and_not_before(
    registry, calls, django_capture_on_commit_callbacks
):
    assert tick_at(at(8, 1, 0), django_capture_on_commit_callbacks) == []  # first sight: due next 03:00
    assert ScheduledJob.objects.get(name="nightly").next_run_at == at(8, 3, 0)
    assert tick_at(at(8, 2, 59, 59), django_capture_on_commit_callbacks) == []
    assert calls == []
    assert tick_at(at(8, 3, 0, 5), django_capture_on_commit_callbacks) == ["nightly"]
    assert len(calls) == 1
    assert tick_at(at(8, 3, 0, 15), django_capture_on_commit_callbacks) == []
    assert tick_at(at(8, 23, 59), django_capture_on_commit_callbacks) == []
    assert tick_at(at(9, 3, 0, 1), django_capture_on_commit_callbacks) == ["nightly"]
    runs = list(
        JobRun.objects.order_by("scheduled_for").values_list("job", "scheduled_for", "status", "result")
    )
    assert runs == [
        ("nightly", at(8, 3, 0), "succeeded", "call 1"),
        ("nightly", at(9, 3, 0), "succeeded", "call 2"),
    ]
    run = JobRun.objects.get(scheduled_for=at(8, 3, 0))
    assert run.started_at == at(8, 3, 0, 5) and run.finished_at == at(8, 3, 0, 5)


@pytest.mark.django_db
def test_a_daily_job_missed_while_the_scheduler_was_down_runs_once_when_it_returns(
    registry, calls, django_capture_on_commit_callbacks
):
    tick_at(at(8, 1, 0), django_capture_on_commit_callbacks)
    # Down from 02:00 on the 8th until 10:00 on the 11th: three 03:00s passed, one catch-up run.
    assert tick_at(at(11, 10, 0), django_capture_on_commit_callbacks) == ["nightly"]
    assert tick_at(at(11, 10, 1), django_capture_on_commit_callbacks) == []
    assert ScheduledJob.objects.get(name="nightly").next_run_at == at(12, 3, 0)
    assert list(JobRun.objects.values_list("scheduled_for", flat=True)) == [at(8, 3, 0)]
    assert len(calls) == 1


@pytest.mark.django_db
def test_an_interval_job_runs_at_once_then_every_five_minutes(
    monkeypatch, calls, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        jobs, "JOBS", [Job("often", Every(minutes=5), call="shanyraq.ops.tests.jobs_for_tests.record_call")]
    )
    assert tick_at(at(8, 10, 0), django_capture_on_commit_callbacks) == ["often"]
    assert tick_at(at(8, 10, 4, 59), django_capture_on_commit_callbacks) == []
    assert tick_at(at(8, 10, 5, 0), django_capture_on_commit_callbacks) == ["often"]
    assert tick_at(at(8, 10, 9), django_capture_on_commit_callbacks) == []
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_changed_schedule_takes_effect_without_running_at_the_old_time(
    monkeypatch, calls, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "JOBS", [NIGHTLY])
    tick_at(at(8, 1, 0), django_capture_on_commit_callbacks)
    monkeypatch.setattr(
        jobs,
        "JOBS",
        [Job("nightly", Daily(dt.time(4, 0)), call="shanyraq.ops.tests.jobs_for_tests.record_call")],
    )
    assert tick_at(at(8, 3, 30), django_capture_on_commit_callbacks) == []
    assert ScheduledJob.objects.get(name="nightly").next_run_at == at(8, 4, 0)
    assert tick_at(at(8, 4, 0, 1), django_capture_on_commit_callbacks) == ["nightly"]


@pytest.mark.django_db
def test_a_failing_job_is_recorded_as_failed_with_its_error_and_no_personal_data(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(
        jobs, "JOBS", [Job("mailer", Every(minutes=5), call="shanyraq.ops.tests.jobs_for_tests.fail")]
    )
    tick_at(at(8, 10, 0), django_capture_on_commit_callbacks)
    run = JobRun.objects.get()
    assert (run.status, run.result) == ("failed", "ValueError: no SMTP server answers for [email]")
    assert run.finished_at == at(8, 10, 0)


@pytest.mark.django_db
def test_a_run_enqueued_twice_runs_once(registry, calls):
    run = JobRun.objects.create(job="nightly", scheduled_for=at(8, 3, 0))
    assert job_run_execute(run_id=run.pk) == "succeeded"
    assert job_run_execute(run_id=run.pk) == "running"
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_command_job_records_what_the_command_printed(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(jobs, "JOBS", [Job("holds", Every(minutes=60), command="expire_holds")])
    tick_at(at(8, 10, 0), django_capture_on_commit_callbacks)
    assert list(JobRun.objects.values_list("status", "result")) == [("succeeded", "expired holds: 0")]


@pytest.mark.django_db
def test_prune_forgets_old_runs_but_keeps_each_jobs_latest():
    for job, day in [("a", 1), ("a", 2), ("a", 30), ("b", 1)]:
        JobRun.objects.create(job=job, scheduled_for=dt.datetime(2026, 11, day, 3, tzinfo=BEIJING))
    with time_machine.travel(at(8, 3, 30), tick=False):
        assert job_runs_prune(days=30) == 2
    assert sorted(JobRun.objects.values_list("job", "scheduled_for__day")) == [("a", 30), ("b", 1)]


def test_every_registered_job_names_a_callable_or_a_command():
    from django.core.management import get_commands

    assert [job.name for job in jobs.JOBS] == [
        "worker_heartbeat",
        "send_outbox",
        "programs_expire_offers",
        "expire_booking_requests",
        "expire_holds",
        "loans_out_start",
        "anonymize_loans",
        "backup",
        "prune_job_runs",
        "optimize_search",
        "prune_outbox",
        "idempotency_prune",
        "send_overdue_reminders",
        "programs_send_reminders",
        "newsletter_send",
        "newsletter_prune",
        "exchange_meeting_reminders",  # registered by ExchangeConfig.ready
        "exchange_close_calls",
        "exchange_join_prune",
    ]
    for job in jobs.JOBS:
        if job.command:
            assert job.command in get_commands()
        else:
            target = import_string(job.call)  # a function, or a django-tasks task (run with .call)
            assert callable(getattr(target, "call", target))


def test_register_replaces_a_job_of_the_same_name(monkeypatch):
    monkeypatch.setattr(jobs, "JOBS", [NIGHTLY])
    jobs.register(Job("backup", Daily(dt.time(2, 30)), command="backup"))
    jobs.register(Job("nightly", Daily(dt.time(4, 0)), call="x.y"))
    assert [(job.name, str(job.schedule)) for job in jobs.JOBS] == [
        ("backup", "daily 02:30"),
        ("nightly", "daily 04:00"),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_ticking_at_the_same_moment_run_a_due_job_once(registry, calls):
    with time_machine.travel(at(8, 1, 0), tick=False):
        scheduler_tick()
    barrier = threading.Barrier(4)
    claimed, errors = [], []

    def scheduler():
        try:
            barrier.wait()
            claimed.extend(run.job for run in scheduler_tick(now=at(8, 3, 0, 5)))
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert claimed == ["nightly"]
    assert len(calls) == 1
    assert list(JobRun.objects.values_list("job", "status")) == [("nightly", "succeeded")]

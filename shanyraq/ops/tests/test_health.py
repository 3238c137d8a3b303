"""/health: 200 with every check ok, 503 when one fails; checks are a registry others extend."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from shanyraq.ops import health
from shanyraq.ops.models import Heartbeat, JobRun

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def alive(settings, tmp_path):
    """A scheduler that ticked 20 s ago, a worker that ran the heartbeat 50 s ago, last night's backup."""
    Heartbeat.objects.create(name="scheduler", seen_at=NOW - dt.timedelta(seconds=20))
    Heartbeat.objects.create(name="worker", seen_at=NOW - dt.timedelta(seconds=50))
    settings.BACKUP_DIR = tmp_path
    (tmp_path / "shanyraq-20261207T191500Z.tar.gz").write_bytes(b"archive")  # 03:15 in Beijing
    with time_machine.travel(NOW, tick=False):
        yield


def test_health_answers_200_with_each_check_when_all_is_well(client, alive):
    JobRun.objects.create(
        job="expire_holds", scheduled_for=NOW, status="succeeded", started_at=NOW, finished_at=NOW
    )
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {
        "database": {"ok": True, "vendor": body["checks"]["database"]["vendor"]},
        "worker": {"ok": True, "last_seen": "2026-12-08T01:59:10+00:00", "age_seconds": 50},
        "scheduler": {
            "ok": True,
            "last_seen": "2026-12-08T01:59:40+00:00",
            "age_seconds": 20,
            "jobs": {"expire_holds": {"at": "2026-12-08T02:00:00+00:00", "status": "succeeded"}},
            "failed_jobs": [],
        },
        "pending_emails": {
            "ok": True,
            "pending": 0,
            "sending": 0,
            "sent": 0,
            "failed": 0,
            "oldest_pending_seconds": 0,
            "alarm_seconds": 3600,
        },
        "last_backup": {"ok": True, "last_backup_at": "2026-12-07T19:15:00+00:00", "age_seconds": 24300},
    }


def test_health_answers_503_when_the_worker_has_not_run_the_heartbeat_for_five_minutes(client, alive):
    Heartbeat.objects.filter(name="worker").update(seen_at=NOW - dt.timedelta(seconds=301))
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "last_seen": "2026-12-08T01:54:59+00:00",
        "age_seconds": 301,
    }
    assert response.json()["checks"]["scheduler"]["ok"] is True


def test_health_answers_503_when_the_newest_backup_is_older_than_26_hours(client, alive, settings):
    (settings.BACKUP_DIR / "shanyraq-20261207T191500Z.tar.gz").rename(
        settings.BACKUP_DIR / "shanyraq-20261206T235900Z.tar.gz"
    )
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["last_backup"] == {
        "ok": False,
        "last_backup_at": "2026-12-06T23:59:00+00:00",
        "age_seconds": 26 * 3600 + 60,
    }


def test_health_answers_503_when_no_scheduler_ever_ran(client):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"]["ok"] is False
    assert response.json()["checks"]["scheduler"]["last_seen"] is None


def test_health_answers_503_when_a_jobs_last_run_failed(client, alive):
    JobRun.objects.create(
        job="anonymize_loans", scheduled_for=NOW, status="failed", started_at=NOW, finished_at=NOW
    )
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"]["failed_jobs"] == ["anonymize_loans"]


def failing_check() -> health.Status:
    return health.Status(False, {"pending": 12})


def raising_check() -> health.Status:
    raise ConnectionError("smtp.example.org refused ana@example.org")


def test_a_check_added_to_the_registry_is_reported_and_can_fail_the_whole(client, alive, monkeypatch):
    monkeypatch.setattr(
        health, "CHECKS", [*health.CHECKS, health.Check("queue_depth", f"{__name__}.failing_check")]
    )
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["queue_depth"] == {"ok": False, "pending": 12}
    assert [name for name, check in response.json()["checks"].items() if not check["ok"]] == ["queue_depth"]


def test_a_check_that_raises_fails_with_its_error_class_only(client, alive, monkeypatch):
    monkeypatch.setattr(health, "CHECKS", [health.Check("mail", f"{__name__}.raising_check")])
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"] == {"mail": {"ok": False, "error": "ConnectionError"}}

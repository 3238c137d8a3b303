"""The scheduled-jobs page: the director sees each job's schedule and last outcome, in four languages."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from shanyraq.core.roles import ROLES
from shanyraq.ops.models import JobRun, ScheduledJob

pytestmark = pytest.mark.django_db

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def history():
    due = dt.datetime(2026, 12, 8, 3, 0, tzinfo=BEIJING)
    ScheduledJob.objects.create(
        name="anonymize_loans", schedule="daily 03:00", next_run_at=due + dt.timedelta(days=1)
    )
    JobRun.objects.create(
        job="anonymize_loans",
        scheduled_for=due,
        status="succeeded",
        started_at=due,
        finished_at=due,
        result="4",
    )
    JobRun.objects.create(
        job="send_overdue_reminders",
        scheduled_for=due.replace(hour=9),
        status="failed",
        started_at=due,
        finished_at=due,
        result="SMTPServerDisconnected: Connection unexpectedly closed",
    )


@pytest.mark.parametrize(
    ("lang", "title", "failed", "daily"),
    [
        ("en", "Scheduled jobs", "Failed", "daily at 3:00\xa0AM"),
        ("zh-hans", "定时任务", "失败", "每天 03:00"),
        ("kk", "Жоспарланған тапсырмалар", "Сәтсіз", "күн сайын 03:00"),
        ("ru", "Задания по расписанию", "Ошибка", "ежедневно в 03:00"),
    ],
)
def test_director_sees_each_jobs_schedule_and_last_outcome_in_their_language(
    staff_client, history, lang, title, failed, daily
):
    response = staff_client("director").get(f"/{lang}/staff/ops/jobs/")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"<h1>{title}</h1>" in text
    assert daily in text
    assert f'<span class="status-failed">{failed}</span>' in text
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in text


@pytest.mark.parametrize("role", [role for role in ROLES if role != "director"])
def test_other_roles_are_refused_the_jobs_page(staff_client, role):
    assert staff_client(role).get("/en/staff/ops/jobs/").status_code == 403


def test_the_jobs_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/en/staff/ops/jobs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/login/")


def test_the_director_dashboard_links_to_the_jobs_page(staff_client):
    assert 'href="/en/staff/ops/jobs/"' in staff_client("director").get("/en/staff/").content.decode()


@pytest.mark.parametrize(
    ("lang", "every_minute", "every_five"),
    [
        ("en", "every minute", "every 5 minutes"),
        ("zh-hans", "每分钟", "每 5 分钟"),
        ("kk", "әр минут сайын", "әр 5 минут сайын"),
        ("ru", "каждую минуту", "каждые 5 минут"),
    ],
)
def test_interval_schedules_read_naturally_in_each_language(staff_client, lang, every_minute, every_five):
    text = staff_client("director").get(f"/{lang}/staff/ops/jobs/").content.decode()
    assert f"<td>{every_minute}</td>" in text
    assert f"<td>{every_five}</td>" in text

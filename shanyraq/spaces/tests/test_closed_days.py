"""Coordinators close the center on a day from a staff page; bookings then refuse that day, and
the page shows what was already booked on it. The pinned clock: Tue 2026-12-08 10:00 Beijing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shanyraq.core.models import AuditEvent
from shanyraq.programs.tests.factories import SpaceFactory
from shanyraq.spaces.models import ClosedDay
from shanyraq.spaces.services import booking_create

pytestmark = pytest.mark.django_db
URL = "/ru/staff/spaces/closed-days/"


def test_a_coordinator_closes_a_day_and_sees_what_was_booked_on_it(clock, staff_client):
    space = SpaceFactory(name_en="Hall", name_ru="Зал")
    start = dt.datetime(2026, 12, 16, 15, 0, tzinfo=timezone.get_current_timezone())
    booking_create(space=space, start=start, end=start + dt.timedelta(hours=1))
    client = staff_client("program_coordinator")
    response = client.post(URL, {"date": "2026-12-16", "reason": "День независимости"}, follow=True)
    body = response.content.decode()
    assert "Центр теперь закрыт в этот день: среда, 16 декабря 2026" in body
    assert "<td>15:00 Зал</td>" in body and "<td>День независимости</td>" in body
    assert ClosedDay.objects.get().date == dt.date(2026, 12, 16)
    assert AuditEvent.objects.filter(action="closed_day.add").count() == 1


def test_closing_a_day_twice_is_refused_and_keeps_the_input(clock, staff_client):
    ClosedDay.objects.create(date=dt.date(2026, 12, 16))
    response = staff_client("program_coordinator").post(URL, {"date": "2026-12-16", "reason": "Again"})
    body = response.content.decode()
    assert response.status_code == 400 and "Этот день уже нерабочий." in body
    assert 'name="reason" maxlength="200" value="Again"' in body
    assert ClosedDay.objects.count() == 1


def test_reopening_a_day_removes_it(clock, staff_client):
    closed = ClosedDay.objects.create(date=dt.date(2026, 12, 16))
    response = staff_client("program_coordinator").post(f"{URL}{closed.pk}/remove/")
    assert response.status_code == 302 and not ClosedDay.objects.exists()


def test_the_director_reads_the_closed_days_but_cannot_add_one(clock, staff_client):
    director = staff_client("director")
    assert "Закрыть центр" not in director.get(URL).content.decode()
    assert director.post(URL, {"date": "2026-12-16"}).status_code == 403
    assert not ClosedDay.objects.exists()

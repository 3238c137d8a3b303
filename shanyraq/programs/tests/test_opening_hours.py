"""Sessions and bookings keep to the center's opening hours and closed days, unless staff book
anyway with a reason (kept in the audit trail). The pinned clock: Tue 2026-12-08 10:00 Beijing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from shanyraq.core.models import AuditEvent
from shanyraq.programs.services.sessions import session_create
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory
from shanyraq.spaces.models import Booking, ClosedDay
from shanyraq.spaces.services import booking_request

pytestmark = pytest.mark.django_db
HOURS = dict.fromkeys(range(1, 7), ("09:00", "21:00"))  # Tuesday to Sunday; Monday closed


@pytest.fixture(autouse=True)
def opening(settings, clock):
    settings.SPACES_OPENING_HOURS = HOURS
    with translation.override("en"):
        yield


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=timezone.get_current_timezone())


def create(start, minutes=60, **kw):
    return session_create(
        program=ProgramFactory(),
        space=SpaceFactory(),
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        **kw,
    )


def refusal(start, minutes=60) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        create(start, minutes)
    return refused.value.messages


def test_a_session_at_23_40_is_refused_and_names_the_hours():
    assert refusal(local(2026, 12, 10, 23, 40)) == [
        "On Thursday, December 10, 2026 the center is open from 9:00\xa0AM to 9:00\xa0PM."
    ]
    assert Booking.objects.count() == 0


def test_a_session_running_past_closing_is_refused_and_one_ending_at_closing_is_not():
    refusal(local(2026, 12, 10, 20, 0), minutes=90)
    assert create(local(2026, 12, 10, 19, 30), minutes=90).end == local(2026, 12, 10, 21, 0)


def test_a_session_on_the_closed_monday_is_refused():
    assert refusal(local(2026, 12, 14, 10, 0)) == ["The center is closed on Monday, December 14, 2026."]


def test_a_closed_day_is_refused_whatever_the_weekday(settings):
    settings.SPACES_OPENING_HOURS = {}
    ClosedDay.objects.create(date=dt.date(2026, 12, 16), reason="Independence Day")
    assert refusal(local(2026, 12, 16, 10, 0)) == ["The center is closed on Wednesday, December 16, 2026."]


def test_staff_book_anyway_with_a_reason_kept_in_the_audit_trail():
    session = create(local(2026, 12, 14, 10, 0), override_reason="Teachers' training day")
    event = AuditEvent.objects.get(action="booking.create", target_id=str(session.booking_id))
    assert event.data["override"] == "Teachers' training day"


def test_an_outside_request_cannot_override_the_hours():
    with pytest.raises(ValidationError) as refused:
        booking_request(
            space=SpaceFactory(),
            start=local(2026, 12, 12, 22, 0),
            end=local(2026, 12, 12, 23, 0),
            purpose="Birthday party",
            requester_name="Aigerim",
            requester_email="aigerim@example.org",
        )
    assert "the center is open from" in refused.value.messages[0]


def test_the_staff_form_refuses_a_monday_then_accepts_it_with_a_reason(staff_client):
    program = ProgramFactory()
    SpaceFactory(slug="classroom")
    client = staff_client("program_coordinator")
    form = {"action": "once", "day": "2026-12-14", "time": "10:00", "minutes": "60", "space": "classroom"}
    response = client.post(f"/ru/staff/programs/{program.pk}/sessions/", form)
    assert response.status_code == 400 and "Центр закрыт" in response.content.decode()
    assert program.sessions.count() == 0
    response = client.post(
        f"/ru/staff/programs/{program.pk}/sessions/", {**form, "override_reason": "Открытый урок"}
    )
    assert response.status_code == 302 and program.sessions.count() == 1

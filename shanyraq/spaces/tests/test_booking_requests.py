"""Issue 13, rooms blocked for decades: one anonymous request from 2027 to 2099 used to hold the
time. Outside requests now have a maximum length and horizon, and expire when nobody approves
them within SPACES_REQUEST_EXPIRE_HOURS (the scheduler runs `expire_booking_requests`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from shanyraq.programs.tests.factories import SpaceFactory
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_decide, booking_request, booking_requests_expire
from shanyraq.spaces.tasks import expire_booking_requests

pytestmark = pytest.mark.django_db

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=BEIJING)


def _request(space, start, end, **extra):
    return booking_request(
        space=space,
        start=start,
        end=end,
        purpose="Screening",
        requester_name="Film club",
        requester_email="club@example.org",
        **extra,
    )


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_a_request_from_2027_to_2099_is_refused_and_holds_nothing(client, pinned):
    SpaceFactory(slug="concert-hall")
    response = client.post(
        "/en/spaces/concert-hall/request/",
        {
            "name": "Squatter",
            "email": "s@example.org",
            "start": "2027-01-01T10:00",
            "end": "2099-12-31T10:00",
            "purpose": "Hold it",
        },
    )
    assert response.status_code == 400
    assert "A request may cover at most 12 hours." in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_request_longer_than_the_maximum_is_refused(pinned):
    space = SpaceFactory()
    start = NOW + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        _request(space, start, start + dt.timedelta(hours=12, minutes=1))
    assert caught.value.message_dict == {"end": ["A request may cover at most 12 hours."]}
    assert _request(space, start, start + dt.timedelta(hours=12)).status == "requested"


def test_the_maximum_length_is_a_setting(pinned, settings):
    settings.SPACES_REQUEST_MAX_HOURS = 2
    start = NOW + dt.timedelta(days=3)
    with pytest.raises(ValidationError):
        _request(SpaceFactory(), start, start + dt.timedelta(hours=3))


def test_a_request_too_far_ahead_or_in_the_past_is_refused(pinned):
    space = SpaceFactory()
    far = NOW + dt.timedelta(days=366)
    with pytest.raises(ValidationError) as caught:
        _request(space, far, far + dt.timedelta(hours=2))
    assert caught.value.message_dict == {"start": ["Requests are taken at most 365 days ahead."]}
    past = NOW - dt.timedelta(hours=3)
    with pytest.raises(ValidationError) as caught:
        _request(space, past, past + dt.timedelta(hours=2))
    assert caught.value.message_dict == {"start": ["The start is in the past."]}


def test_staff_bookings_keep_no_such_limit(pinned):
    from shanyraq.spaces.services import booking_create

    start = NOW + dt.timedelta(days=400)
    booking = booking_create(space=SpaceFactory(), start=start, end=start + dt.timedelta(days=30))
    assert booking.status == "approved"


def test_an_unapproved_request_expires_and_frees_the_time(pinned):
    space = SpaceFactory()
    start = NOW + dt.timedelta(days=10)
    stale = _request(space, start, start + dt.timedelta(hours=2))
    pinned.move_to(NOW + dt.timedelta(hours=71, minutes=59))
    assert booking_requests_expire() == 0
    pinned.move_to(NOW + dt.timedelta(hours=72, minutes=1))
    assert booking_requests_expire() == 1
    stale.refresh_from_db()
    assert stale.status == "expired"
    assert _request(space, start, start + dt.timedelta(hours=2)).status == "requested"
    assert booking_requests_expire() == 0


def test_approved_requests_never_expire(pinned):
    space = SpaceFactory()
    start = NOW + dt.timedelta(days=10)
    approved = booking_decide(booking=_request(space, start, start + dt.timedelta(hours=2)), approve=True)
    pinned.move_to(NOW + dt.timedelta(days=5))
    assert booking_requests_expire() == 0
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_the_expiry_is_a_setting(pinned, settings):
    settings.SPACES_REQUEST_EXPIRE_HOURS = 1
    start = NOW + dt.timedelta(days=10)
    _request(SpaceFactory(), start, start + dt.timedelta(hours=2))
    pinned.move_to(NOW + dt.timedelta(minutes=61))
    assert booking_requests_expire() == 1


def test_the_management_command_and_the_task_expire_requests(pinned):
    space = SpaceFactory()
    for days in (10, 11):
        start = NOW + dt.timedelta(days=days)
        _request(space, start, start + dt.timedelta(hours=2))
    pinned.move_to(NOW + dt.timedelta(days=4))
    out = StringIO()
    call_command("expire_booking_requests", stdout=out)
    assert out.getvalue() == "expired booking requests: 2\n"
    start = NOW + dt.timedelta(days=12)
    _request(space, start, start + dt.timedelta(hours=2))
    pinned.move_to(NOW + dt.timedelta(days=8))
    assert expire_booking_requests.enqueue().return_value == 1
    assert list(Booking.objects.values_list("status", flat=True)) == ["expired"] * 3


def test_an_oversized_form_post_is_a_413(client):
    SpaceFactory(slug="concert-hall")
    response = client.post("/en/spaces/concert-hall/request/", {"purpose": "x" * 70_000})
    assert response.status_code == 413
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    ["week=0001-W01", "week=9999-W52", "view=month&month=9999-12", "view=month&month=0001-01"],
)
def test_a_calendar_outside_the_years_is_a_400_not_a_500(client, query):
    SpaceFactory(slug="concert-hall")
    response = client.get(f"/ru/spaces/concert-hall/calendar/?{query}")
    assert response.status_code == 400
    assert "Календари показывают годы с 1900 по 2999." in response.content.decode()


def test_the_last_week_of_the_calendar_still_renders(client):
    SpaceFactory(slug="concert-hall")
    assert client.get("/en/spaces/concert-hall/calendar/?week=2999-W52").status_code == 200

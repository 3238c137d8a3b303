import pytest

from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, at, make_session
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_request

pytestmark = pytest.mark.django_db


def test_week_calendar_shows_sessions_and_hides_requests(client):
    space = SpaceFactory(slug="felt-studio")
    make_session(program=ProgramFactory(title_en="Felt class"), space=space, days=1)
    booking_request(
        space=space,
        start=at(1, 15),
        end=at(1, 16),
        purpose="Photo shoot",
        requester_name="Z",
        requester_email="z@example.org",
    )
    week = "{}-W{:02d}".format(*at(1).isocalendar()[:2])
    html = client.get(f"/en/spaces/felt-studio/calendar/?week={week}").content.decode()
    assert "Felt class" in html and "Photo shoot" not in html


def test_month_calendar_lists_the_booking_on_its_day(client):
    space = SpaceFactory(slug="classroom")
    make_session(program=ProgramFactory(title_en="Kazakh A1"), space=space, days=2)
    month = at(2).strftime("%Y-%m")
    assert (
        "Kazakh A1" in client.get(f"/en/spaces/classroom/calendar/?view=month&month={month}").content.decode()
    )


def test_space_page_links_to_its_calendar(client):
    SpaceFactory(slug="library")
    html = client.get("/en/spaces/library/").content.decode()
    assert "/en/spaces/library/calendar/" in html and "/ics/spaces/library.ics" in html


def test_coordinator_approves_an_outside_request(staff_client):
    space = SpaceFactory()
    request = booking_request(
        space=space,
        start=at(3, 10),
        end=at(3, 12),
        purpose="Film club",
        requester_name="A",
        requester_email="a@example.org",
    )
    client = staff_client("program_coordinator")
    response = client.post(f"/en/staff/spaces/requests/{request.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Booking.Status.APPROVED


def _request_data(**extra):
    return {
        "name": "Film club",
        "email": "club@example.org",
        "start": at(6, 14).strftime("%Y-%m-%dT%H:%M"),
        "end": at(6, 16).strftime("%Y-%m-%dT%H:%M"),
        "purpose": "Screening",
        **extra,
    }


def test_an_outside_organisation_requests_a_free_slot(client):
    SpaceFactory(slug="concert-hall")
    response = client.post("/en/spaces/concert-hall/request/", _request_data())
    assert response.status_code == 200
    booking = Booking.objects.get()
    assert (booking.kind, booking.status, booking.requester_name) == ("outside", "requested", "Film club")


def test_a_request_for_a_busy_slot_is_refused_with_nothing_written(client):
    space = SpaceFactory(slug="concert-hall")
    make_session(program=ProgramFactory(), space=space, days=6, hour=15)
    response = client.post("/en/spaces/concert-hall/request/", _request_data())
    assert response.status_code == 400 and "already booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_a_request_with_the_honeypot_filled_writes_nothing(client):
    SpaceFactory(slug="concert-hall")
    client.post("/en/spaces/concert-hall/request/", _request_data(website="spam"))
    assert Booking.objects.count() == 0

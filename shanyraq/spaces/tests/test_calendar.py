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

import pytest
from icalendar import Calendar

from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session
from shanyraq.spaces.services import booking_request

pytestmark = pytest.mark.django_db


def _events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_program_feed_parses_back_with_uid_dtstamp_and_utc_times(client):
    program = ProgramFactory(title_en="Dombra", title_kk="Домбыра")
    session = make_session(program=program)
    (event,) = _events(client.get(f"/ics/programs/{program.pk}.ics?lang=kk"))
    assert str(event["uid"]) == f"session-{session.pk}@programs.shanyraq"
    assert event["dtstamp"].dt.tzinfo is not None
    assert event["dtstart"].dt == session.start and event["dtstart"].dt.utcoffset().total_seconds() == 0
    assert str(event["summary"]) == "Домбыра"


def test_an_unpublished_program_has_no_feed(client):
    program = ProgramFactory(is_published=False)
    assert client.get(f"/ics/programs/{program.pk}.ics").status_code == 404


def test_whats_on_feed_has_only_published_sessions(client):
    make_session(program=ProgramFactory(title_en="Open"))
    make_session(program=ProgramFactory(title_en="Hidden", is_published=False), hour=15)
    summaries = [str(e["summary"]) for e in _events(client.get("/ics/whats-on.ics"))]
    assert summaries == ["Open"]


def test_space_feed_hides_outside_renters_details(client):
    from shanyraq.programs.tests.factories import at
    from shanyraq.spaces.services import booking_decide

    space = SpaceFactory(slug="concert-hall")
    make_session(program=ProgramFactory(title_en="Concert"), space=space, hour=19)
    request = booking_request(
        space=space,
        start=at(3, 10),
        end=at(3, 12),
        purpose="Private wedding of Mr X",
        requester_name="Mr X",
        requester_email="x@example.org",
    )
    booking_decide(booking=request, approve=True)
    events = _events(client.get("/ics/spaces/concert-hall.ics"))
    body = client.get("/ics/spaces/concert-hall.ics").content.decode()
    assert sorted(str(e["summary"]) for e in events) == ["Booked", "Concert"]
    assert "Mr X" not in body and "wedding" not in body


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\x1b", "\x0b"])
def test_line_breaks_and_control_characters_in_titles_give_a_feed_that_parses(client, breaker):
    title = f"Dombra{breaker}BEGIN:VEVENT{breaker}SUMMARY:injected"
    program = ProgramFactory(title_en=title, description_en=f"Line one{breaker}Line two")
    make_session(program=program, space=SpaceFactory(name_en=f"Hall{breaker}A"))
    response = client.get(f"/ics/programs/{program.pk}.ics?lang=en")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert str(cal["x-wr-calname"]) == "Dombra BEGIN:VEVENT SUMMARY:injected"
    assert str(event["summary"]) == "Dombra BEGIN:VEVENT SUMMARY:injected"
    assert str(event["location"]) == "Hall A"
    expected = "Line one\nLine two" if breaker in ("\r\n", "\n", "\r") else "Line oneLine two"
    assert str(event["description"]) == expected

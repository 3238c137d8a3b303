"""The staff session forms after a refusal: the input comes back as it was sent, and the message
names what holds the room, in the coordinator's language."""

from __future__ import annotations

import datetime as dt

import pytest

from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session

pytestmark = pytest.mark.django_db


def test_a_clashing_weekly_term_keeps_its_input_and_names_what_holds_the_room(clock, staff_client):
    space = SpaceFactory(slug="classroom", name_en="Classroom", name_ru="Класс")
    holder = make_session(space=space, days=9, hour=18)  # Thu 17 Dec, 18:00-20:00
    program = ProgramFactory()
    first = dt.date(2026, 12, 10)
    response = staff_client("program_coordinator").post(
        f"/ru/staff/programs/{program.pk}/sessions/",
        {
            "action": "weekly",
            "weekday": ["1", "3"],
            "time": "18:30",
            "minutes": "90",
            "space": "classroom",
            "first": first.isoformat(),
            "last": "2026-12-31",
            "skip": "2026-12-24",
            "capacity": "12",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and program.sessions.count() == 0
    assert "уже занято" in body and holder.program.title_ru in body
    weekly = body.split('value="weekly"')[1]
    for kept in (
        'name="time" value="18:30"',
        'name="minutes" value="90"',
        'value="classroom" selected',
        'name="first" value="2026-12-10"',
        'name="last" value="2026-12-31"',
        'name="skip" value="2026-12-24"',
        'name="capacity" min="1" value="12"',
        'name="weekday" value="1" checked',
        'name="weekday" value="3" checked',
    ):
        assert kept in weekly
    assert 'name="weekday" value="2" checked' not in weekly
    once = body.split('value="once"')[1].split('value="weekly"')[0]
    assert 'value="18:30"' not in once  # the other form stays empty


def test_the_clash_names_an_internal_booking_by_its_purpose(clock):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from shanyraq.spaces.services import booking_create

    space = SpaceFactory(name_en="Studio")
    start = dt.datetime(2026, 12, 10, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    booking_create(space=space, start=start, end=start + dt.timedelta(hours=2), purpose="Board meeting")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        booking_create(space=space, start=start, end=start + dt.timedelta(hours=1))
    assert refused.value.messages == [
        "Studio is already booked from 12/10/26, 2:00\xa0PM to 12/10/26, 4:00\xa0PM (buffers included)"
        " for Board meeting."
    ]

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from shanyraq.programs.models import Program, Session
from shanyraq.programs.services.sessions import (
    program_create,
    session_cancel,
    session_reschedule,
    sessions_generate_weekly,
)
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, SpaceFactory, at, make_session
from shanyraq.spaces.models import Booking

pytestmark = pytest.mark.django_db


def test_session_capacity_defaults_to_the_space_capacity():
    session = make_session(space=SpaceFactory(capacity=14))
    assert session.capacity == 14
    assert session.booking.status == Booking.Status.APPROVED


def test_weekly_generation_leaves_out_skip_dates():
    program = ProgramFactory(kind=Program.Kind.COURSE)
    first = at(7).date()
    skip = first + dt.timedelta(days=7)
    sessions = sessions_generate_weekly(
        program=program,
        space=SpaceFactory(),
        weekdays=[first.weekday()],
        start_time=dt.time(18, 30),
        duration=dt.timedelta(minutes=90),
        first_day=first,
        last_day=first + dt.timedelta(days=27),
        skip=[skip],
    )
    days = [s.start.astimezone(at(0).tzinfo).date() for s in sessions]
    assert days == [first, first + dt.timedelta(days=14), first + dt.timedelta(days=21)]


def test_weekly_generation_is_all_or_nothing_on_a_clash():
    space = SpaceFactory()
    clash = make_session(space=space, days=14, hour=18)
    first = at(7).date()
    with pytest.raises(ValidationError) as exc:
        sessions_generate_weekly(
            program=ProgramFactory(),
            space=space,
            weekdays=[first.weekday()],
            start_time=dt.time(18, 0),
            duration=dt.timedelta(hours=1),
            first_day=first,
            last_day=first + dt.timedelta(days=21),
        )
    assert (first + dt.timedelta(days=7)).isoformat() in exc.value.messages[0]
    assert Session.objects.exclude(pk=clash.pk).count() == 0


def test_a_teacher_of_two_programs_cannot_teach_both_at_once():
    teacher = PersonFactory()
    a, b = ProgramFactory(), ProgramFactory()
    a.teachers.add(teacher)
    b.teachers.add(teacher)
    make_session(program=a, days=3, hour=10)
    with pytest.raises(ValidationError):
        make_session(program=b, days=3, hour=11)


def test_rescheduling_moves_the_session_and_its_booking():
    session = make_session(days=3, hour=10)
    session_reschedule(session=session, start=at(4, 15), end=at(4, 17))
    session.refresh_from_db()
    session.booking.refresh_from_db()
    assert (session.start, session.booking.start) == (at(4, 15), at(4, 15))


def test_rescheduling_onto_a_busy_slot_changes_nothing():
    space = SpaceFactory()
    make_session(space=space, days=4, hour=15)
    session = make_session(space=space, days=3, hour=10)
    with pytest.raises(ValidationError):
        session_reschedule(session=session, start=at(4, 15), end=at(4, 16))
    session.refresh_from_db()
    assert session.start == at(3, 10)


def test_cancelling_a_session_frees_its_space():
    space = SpaceFactory()
    session = make_session(space=space, days=3, hour=10)
    session_cancel(session=session)
    make_session(space=space, days=3, hour=10)
    assert Session.objects.filter(space=space, is_cancelled=False).count() == 1


def test_program_create_refuses_an_unknown_language():
    with pytest.raises(ValidationError):
        program_create(title={"de": "Kurs"}, kind="course")
    assert Program.objects.count() == 0


def test_program_create_stores_every_language():
    program = program_create(
        title={"en": "Dombra", "zh-hans": "冬不拉", "kk": "Домбыра", "ru": "Домбра"}, kind="course"
    )
    assert (program.title_zh_hans, program.title_kk) == ("冬不拉", "Домбыра")


def test_coordinator_adds_a_weekly_term_from_the_staff_page(staff_client):
    program = ProgramFactory(kind=Program.Kind.COURSE)
    SpaceFactory(slug="classroom")
    first = at(7).date()
    client = staff_client("program_coordinator")
    response = client.post(
        f"/en/staff/programs/{program.pk}/sessions/",
        {
            "action": "weekly",
            "weekday": [str(first.weekday())],
            "time": "18:30",
            "minutes": "90",
            "space": "classroom",
            "first": first.isoformat(),
            "last": (first + dt.timedelta(days=20)).isoformat(),
            "skip": (first + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert program.sessions.count() == 2


def test_a_clashing_one_off_session_is_refused_on_the_staff_page(staff_client):
    space = SpaceFactory(slug="classroom")
    make_session(space=space, days=5, hour=10)
    program = ProgramFactory()
    response = staff_client("program_coordinator").post(
        f"/en/staff/programs/{program.pk}/sessions/",
        {
            "action": "once",
            "day": at(5).date().isoformat(),
            "time": "10:30",
            "minutes": "60",
            "space": "classroom",
        },
    )
    assert response.status_code == 400 and "already booked" in response.content.decode()
    assert program.sessions.count() == 0


def test_a_teacher_cannot_add_sessions(staff_client):
    program = ProgramFactory()
    SpaceFactory(slug="classroom")
    response = staff_client("teacher").post(
        f"/en/staff/programs/{program.pk}/sessions/",
        {
            "action": "once",
            "day": at(5).date().isoformat(),
            "time": "10:30",
            "minutes": "60",
            "space": "classroom",
        },
    )
    assert response.status_code == 403 and program.sessions.count() == 0

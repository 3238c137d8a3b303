import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from shanyraq.people.services import person_create
from shanyraq.programs.models import Attendance, Program, Registration
from shanyraq.programs.services.attendance import attendance_mark, checkin_scan
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session, make_session_now

pytestmark = pytest.mark.django_db


def _registration(session):
    return registration_create(session=session, person=PersonFactory(), staff=True)


def test_a_valid_ticket_checks_in_once():
    session = make_session(days=1, hour=10)
    reg = _registration(session)
    day = timezone.localtime(session.start)
    result = checkin_scan(text=f"SHANYRAQ:{reg.code}", now=day)
    assert result.outcome == "ok"
    reg.refresh_from_db()
    assert reg.status == "attended"
    assert Attendance.objects.get().status == "present"


def test_a_second_scan_is_flagged_as_duplicate():
    session = make_session(days=1, hour=10)
    reg = _registration(session)
    day = timezone.localtime(session.start)
    checkin_scan(text=reg.code, now=day)
    assert checkin_scan(text=reg.code.lower(), now=day).outcome == "duplicate"
    assert Attendance.objects.count() == 1


def test_a_ticket_for_another_day_is_flagged():
    session = make_session(days=2, hour=10)
    reg = _registration(session)
    assert checkin_scan(text=reg.code, now=session.start - dt.timedelta(days=1)).outcome == "wrong_day"
    assert Attendance.objects.count() == 0


def test_an_unknown_code_is_flagged():
    assert checkin_scan(text="NOPE123").outcome == "unknown"


def test_a_waiting_list_ticket_holds_no_seat():
    session = make_session(days=1, capacity=1)
    _registration(session)
    waiting = _registration(session)
    assert checkin_scan(text=waiting.code, now=session.start).outcome == "no_seat"


def test_a_course_ticket_checks_in_at_each_lesson():
    program = ProgramFactory(kind=Program.Kind.COURSE)
    first = make_session(program=program, days=1)
    second = make_session(program=program, days=8)
    reg = _registration(first)
    assert checkin_scan(text=reg.code, now=first.start).outcome == "ok"
    assert checkin_scan(text=reg.code, now=second.start).outcome == "ok"
    assert Attendance.objects.filter(registration=reg).count() == 2


def test_checkin_page_flags_a_duplicate_scan(staff_client):
    session = make_session_now()
    reg = _registration(session)
    client = staff_client("front_desk")
    client.post("/en/staff/programs/checkin/", {"code": reg.code})
    response = client.post("/en/staff/programs/checkin/", {"code": reg.code}, HTTP_ACCEPT="application/json")
    assert response.json()["outcome"] == "duplicate"


def _teacher(staff_user, username):
    user = staff_user("teacher", username=username)
    return user, person_create(name=username, user=user)


def test_a_teacher_marks_attendance_in_her_own_class(staff_user):
    user, person = _teacher(staff_user, "dana")
    program = ProgramFactory()
    program.teachers.add(person)
    session = make_session(program=program)
    reg = _registration(session)
    attendance_mark(session=session, registration=reg, present=False, actor=user)
    assert Attendance.objects.get().status == "absent"


def test_a_teacher_cannot_mark_another_teachers_class(staff_user):
    user, _person = _teacher(staff_user, "dana")
    _other_user, other = _teacher(staff_user, "erlan")
    program = ProgramFactory()
    program.teachers.add(other)
    session = make_session(program=program)
    reg = _registration(session)
    with pytest.raises(PermissionDenied):
        attendance_mark(session=session, registration=reg, present=True, actor=user)
    assert Attendance.objects.count() == 0


def test_a_teacher_cannot_see_another_teachers_class_list(client, staff_user):
    user, _person = _teacher(staff_user, "dana")
    _other_user, other = _teacher(staff_user, "erlan")
    program = ProgramFactory()
    program.teachers.add(other)
    session = make_session(program=program)
    _registration(session)
    client.force_login(user)
    assert client.get(f"/en/staff/programs/sessions/{session.pk}/attendance/").status_code == 403
    assert f"/sessions/{session.pk}/" not in client.get("/en/staff/programs/classes/").content.decode()


def test_the_attendance_page_saves_present_and_absent(client, staff_user):
    user, person = _teacher(staff_user, "dana")
    program = ProgramFactory()
    program.teachers.add(person)
    session = make_session(program=program)
    here, away = _registration(session), _registration(session)
    client.force_login(user)
    client.post(f"/en/staff/programs/sessions/{session.pk}/attendance/", {"present": [str(here.pk)]})
    marks = dict(Attendance.objects.values_list("registration_id", "status"))
    assert marks == {here.pk: "present", away.pk: "absent"}


def test_registration_status_unchanged_for_course_checkin():
    program = ProgramFactory(kind=Program.Kind.COURSE)
    first = make_session(program=program, days=1)
    reg = _registration(first)
    checkin_scan(text=reg.code, now=first.start)
    assert Registration.objects.get(pk=reg.pk).status == "confirmed"

"""Each of the six roles x each staff action: allowed, or refused with nothing changed."""

import pytest

from shanyraq.core.models import AuditEvent
from shanyraq.people.services import person_create
from shanyraq.programs.models import Attendance, Program
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, at, make_session_now
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_request

pytestmark = pytest.mark.django_db

ROLES = ["director", "curator", "librarian", "program_coordinator", "front_desk", "teacher"]
ALLOWED = {
    "create_program": {"program_coordinator"},
    "approve_booking": {"program_coordinator"},
    "check_in": {"program_coordinator", "front_desk"},
    "mark_attendance": {"program_coordinator", "teacher"},
    "view_reports": {"program_coordinator", "director"},
}


@pytest.fixture
def world(client, staff_user):
    def make(role):
        user = staff_user(role)
        person = person_create(name=f"{role} person", user=user)
        program = ProgramFactory()
        program.teachers.add(person)  # the teacher teaches this class
        session = make_session_now(program=program)
        reg = registration_create(session=session, person=PersonFactory(), staff=True)
        request = booking_request(
            space=session.space,
            start=at(5, 10),
            end=at(5, 11),
            purpose="Club",
            requester_name="A",
            requester_email="a@example.org",
        )
        client.force_login(user)
        return client, session, reg, request

    return make


def _state():
    return (
        Program.objects.count(),
        list(Booking.objects.values_list("status", flat=True).order_by("pk")),
        Attendance.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_role_action_matrix(world, role, action):
    client, session, reg, request = world(role)
    before = _state()
    if action == "create_program":
        response = client.post("/en/staff/programs/new/", {"kind": "lecture", "title_en": "Talk"})
        ok_status = 302
    elif action == "approve_booking":
        response = client.post(f"/en/staff/spaces/requests/{request.pk}/decide/", {"decision": "approve"})
        ok_status = 302
    elif action == "check_in":
        response = client.post("/en/staff/programs/checkin/", {"code": reg.code})
        ok_status = 200
    elif action == "mark_attendance":
        response = client.post(
            f"/en/staff/programs/sessions/{session.pk}/attendance/", {"present": [str(reg.pk)]}
        )
        ok_status = 302
    else:
        response = client.get("/en/staff/programs/reports/")
        ok_status = 200
    if role in ALLOWED[action]:
        assert response.status_code == ok_status
        if action != "view_reports":
            assert _state() != before
    else:
        assert response.status_code == 403
        assert _state() == before


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    response = client.get("/en/staff/programs/checkin/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]

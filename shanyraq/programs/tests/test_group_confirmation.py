"""Issue 13, seat squatting: one anonymous request with `seats: 40` and a group name used to
confirm a whole session. A group above PROGRAMS_GROUP_VERIFY_ABOVE seats from an unconfirmed
address now holds nothing until the address is confirmed (the e-mail link) or staff approve."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from shanyraq.programs import tokens
from shanyraq.programs.models import Program, Registration
from shanyraq.programs.services.registrations import registration_approve, registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def tour():
    return make_session(program=ProgramFactory(kind=Program.Kind.TOUR, allow_groups=True), capacity=40)


def _group(client, session, seats=40, email="teacher@example.org"):
    body = {
        "name": "Teacher Zhang",
        "email": email,
        "language": "en",
        "group_name": "School 55",
        "seats": seats,
    }
    return client.post(f"/api/v1/sessions/{session.pk}/registrations", body, content_type="application/json")


def _seats_left(client, session) -> int:
    return client.get(f"/api/v1/sessions/{session.pk}").json()["seats_left"]


def test_an_anonymous_group_of_40_holds_no_seat_until_confirmed(client, tour):
    response = _group(client, tour)
    assert (response.status_code, response.json()[0]["status"]) == (201, "pending")
    assert _seats_left(client, tour) == 40
    single = client.post(
        f"/api/v1/sessions/{tour.pk}/registrations",
        {"name": "Li Wei", "email": "li@example.org", "language": "en"},
        content_type="application/json",
    )
    assert single.json()[0]["status"] == "confirmed"


def test_the_email_link_confirms_the_group_and_takes_the_seats(
    client, tour, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _group(client, tour, seats=30)
    reg = Registration.objects.get(group_name="School 55")
    message = mail.outbox[-1]
    assert "holds no seats yet" in message.body
    verify = re.search(r"/en/programs/r/[^/\s]+/verify/", message.body).group(0)
    page = client.get(verify)
    assert page.status_code == 200
    reg.refresh_from_db()
    assert (reg.status, reg.email_verified, reg.position) == ("confirmed", True, None)
    assert _seats_left(client, tour) == 10


def test_a_confirmed_group_that_no_longer_fits_joins_the_waiting_list(client, tour):
    _group(client, tour, seats=30)
    reg = Registration.objects.get(group_name="School 55")
    for i in range(15):
        registration_create(session=tour, person=PersonFactory(), email_verified=True)
    client.get(f"/en/programs/r/{tokens.make(reg.pk, 'verify')}/verify/")
    reg.refresh_from_db()
    assert (reg.status, reg.position) == ("waiting", 1)


def test_staff_approval_confirms_a_pending_group(tour, staff_user):
    reg = registration_create(session=tour, person=PersonFactory(), seats=25, group_name="School 7")
    assert reg.status == "pending"
    approved = registration_approve(registration=reg, actor=staff_user("program_coordinator"))
    assert (approved.status, approved.seats) == ("confirmed", 25)


def test_staff_approve_pending_groups_from_the_admin_list(tour, client, django_user_model):
    reg = registration_create(session=tour, person=PersonFactory(), seats=25, group_name="School 7")
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    response = client.post(
        "/en/staff/admin/programs/registration/",
        {"action": "approve_pending", "_selected_action": [reg.pk]},
        follow=True,
    )
    assert response.status_code == 200
    reg.refresh_from_db()
    assert reg.status == "confirmed"


def test_approving_anything_but_a_pending_group_is_refused(tour):
    reg = registration_create(session=tour, person=PersonFactory())
    with pytest.raises(Exception) as caught:
        registration_approve(registration=reg, actor=None)
    assert caught.value.message_dict == {"status": ["Only a booking awaiting confirmation can be approved."]}


def test_a_small_group_is_confirmed_at_once(client, tour):
    assert _group(client, tour, seats=6).json()[0]["status"] == "confirmed"
    assert _seats_left(client, tour) == 34


def test_the_threshold_is_a_setting(client, tour, settings):
    settings.PROGRAMS_GROUP_VERIFY_ABOVE = 2
    assert _group(client, tour, seats=3).json()[0]["status"] == "pending"


def test_a_signed_in_visitor_with_an_account_books_a_large_group_at_once(tour, django_user_model):
    from shanyraq.programs.services.public import Submission, registration_submit

    user = django_user_model.objects.create_user("teacher", password="pw")
    person = PersonFactory(user=user)
    data = Submission(name="", email="", language="en", group_name="School 9", seats=30)
    [reg] = registration_submit(session=tour, data=data, user=user)
    assert (reg.status, reg.booker_id) == ("confirmed", person.pk)


def test_a_pending_group_page_tells_the_booker_what_to_do(client, tour):
    _group(client, tour, seats=30)
    reg = Registration.objects.get(group_name="School 55")
    page = client.get(f"/en/programs/r/{tokens.make(reg.pk, 'view')}/")
    assert "a group of 30 holds no seats until you confirm your e-mail address" in page.content.decode()

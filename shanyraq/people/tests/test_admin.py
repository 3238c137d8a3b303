"""Which login a person has: read-only in the back office; only a superuser (the only one the
admin lets in, decision 028) changes it, on its own audited page
(people.admin.PersonAdmin.login_link_view -> person_login_link)."""

import pytest
from django.contrib.auth import get_user_model

from shanyraq.core.models import AuditEvent
from shanyraq.core.roles import ROLES
from shanyraq.core.tests.html_forms import form_data
from shanyraq.people.models import Person
from shanyraq.people.services import person_create

pytestmark = pytest.mark.django_db

CHANGE = "/en/staff/admin/people/person/{pk}/change/"
LOGIN = "/en/staff/admin/people/person/{pk}/login/"


@pytest.fixture
def patron(db):
    owner = get_user_model().objects.create_user(username="aigerim", password="pw-for-tests")
    return person_create(name="Aigerim Reader", language="kk", email="aigerim@example.org", user=owner)


@pytest.fixture
def no_login(db):
    return person_create(name="Marat Visitor", language="kk", email="marat@example.org")


@pytest.mark.parametrize("who", ["patron", "no_login"])
def test_the_person_form_cannot_point_a_person_at_the_editors_own_login(superuser, client, who, request):
    person = request.getfixturevalue(who)
    before = person.user_id
    me = superuser
    client.force_login(me)
    page = client.get(CHANGE.format(pk=person.pk))
    assert page.status_code == 200
    data = form_data(page.content.decode(), "person_form")
    assert "user" not in data  # not a form field at all
    data["user"] = [str(me.pk)]
    data["name"] = ["Aigerim R."]
    response = client.post(CHANGE.format(pk=person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Aigerim R."  # the save went through ...
    assert person.user_id == before  # ... and the login did not move
    assert not Person.objects.filter(user=me).exists()
    assert not AuditEvent.objects.filter(action="person.login_link").exists()


@pytest.mark.parametrize("role", ROLES)
def test_no_staff_role_reaches_the_change_login_page(staff_user, client, patron, role):
    me = staff_user(role)
    client.force_login(me)
    assert client.get(LOGIN.format(pk=patron.pk)).status_code == 403
    response = client.post(LOGIN.format(pk=patron.pk), {"username": me.username, "reason": "mine now"})
    assert response.status_code == 403
    patron.refresh_from_db()
    assert patron.user.username == "aigerim"
    assert not AuditEvent.objects.filter(action="person.login_link").exists()


def test_the_change_form_offers_change_login_to_a_superuser(back_office_client, patron):
    assert "Change login" in back_office_client.get(CHANGE.format(pk=patron.pk)).content.decode()


def test_a_librarian_does_not_reach_the_change_form_at_all(staff_client, patron):
    assert staff_client("librarian").get(CHANGE.format(pk=patron.pk)).status_code == 403


def test_a_superuser_moves_a_login_with_an_audited_reason(superuser, client, patron, clock):
    director = superuser
    new = get_user_model().objects.create_user(username="aigerim-new", password="pw-for-tests")
    client.force_login(director)
    assert client.get(LOGIN.format(pk=patron.pk)).status_code == 200
    response = client.post(
        LOGIN.format(pk=patron.pk), {"username": "aigerim-new", "reason": "Lost access to her old e-mail"}
    )
    assert response.status_code == 302
    assert response["Location"] == CHANGE.format(pk=patron.pk)
    patron.refresh_from_db()
    assert patron.user == new
    event = AuditEvent.objects.get(action="person.login_link")
    old = get_user_model().objects.get(username="aigerim")
    assert (event.actor, event.target_type, event.target_id) == (director, "people.person", str(patron.pk))
    assert event.data == {"previous_user": old.pk, "user": new.pk, "reason": "Lost access to her old e-mail"}


def test_a_superuser_removes_a_login(back_office_client, patron):
    client = back_office_client
    response = client.post(LOGIN.format(pk=patron.pk), {"username": "", "reason": "Account closed"})
    assert response.status_code == 302
    patron.refresh_from_db()
    assert patron.user is None
    assert AuditEvent.objects.get(action="person.login_link").data["user"] is None


def test_a_login_of_another_person_is_refused(back_office_client, patron, no_login):
    client = back_office_client
    response = client.post(LOGIN.format(pk=no_login.pk), {"username": "aigerim", "reason": "typo"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"username": ["This login belongs to another person."]}
    no_login.refresh_from_db()
    assert no_login.user is None
    assert not AuditEvent.objects.filter(action="person.login_link").exists()


def test_an_unknown_login_and_a_missing_reason_are_refused(back_office_client, no_login):
    client = back_office_client
    response = client.post(LOGIN.format(pk=no_login.pk), {"username": "nobody", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": ["No login with this user name."],
        "reason": ["This field is required."],
    }
    no_login.refresh_from_db()
    assert no_login.user is None


def test_a_login_holders_e_mail_changes_only_with_the_right_to_move_logins(back_office_client, patron):
    """The reset link goes to the person's e-mail: changing it hands over the login, so it takes
    people.link_login, which a superuser (the only one the admin lets in) holds."""
    client = back_office_client
    data = form_data(client.get(CHANGE.format(pk=patron.pk)).content.decode(), "person_form")
    data["email"] = ["new-address@example.org"]
    assert client.post(CHANGE.format(pk=patron.pk), data).status_code == 302
    patron.refresh_from_db()
    assert patron.email == "new-address@example.org"


def test_the_back_office_may_correct_the_email_of_a_person_without_a_login(back_office_client, no_login):
    client = back_office_client
    data = form_data(client.get(CHANGE.format(pk=no_login.pk)).content.decode(), "person_form")
    data["email"] = ["marat.new@example.org"]
    assert client.post(CHANGE.format(pk=no_login.pk), data).status_code == 302
    no_login.refresh_from_db()
    assert no_login.email == "marat.new@example.org"

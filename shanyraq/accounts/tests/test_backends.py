"""Patrons sign in with their card number or e-mail; staff with their username (or e-mail)."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from shanyraq.accounts.identifiers import resolve
from shanyraq.accounts.tests.conftest import PASSWORD
from shanyraq.library.tests.factories import PatronFactory, PersonFactory

pytestmark = pytest.mark.django_db


def sign_in(identifier, password=PASSWORD):
    return authenticate(
        RequestFactory().post("/en/library/account/login/"), username=identifier, password=password
    )


@pytest.mark.parametrize(
    "identifier",
    [
        "P123456",
        "p123456",
        "  P123456 ",
        "P 123 456",
        "Ｐ１２３４５６",
        "aru@example.org",
        " ARU@Example.ORG ",
        "aru-login",
    ],
)
def test_a_patron_signs_in_with_the_card_number_or_e_mail_in_any_case_and_spacing(patron, identifier):
    assert sign_in(identifier) == patron.person.user


def test_the_wrong_password_or_an_unknown_name_signs_nobody_in(patron):
    assert (sign_in("P123456", "nope"), sign_in("P654321"), sign_in("nobody@example.org"), sign_in("")) == (
        None,
        None,
        None,
        None,
    )


def test_an_e_mail_shared_by_two_logins_signs_neither_in(patron, django_user_model):
    other = django_user_model.objects.create_user(username="twin", password=PASSWORD)
    PersonFactory(email="aru@example.org", user=other)
    assert (sign_in("aru@example.org"), sign_in("P123456")) == (None, patron.person.user)


def test_a_card_without_a_login_or_a_deactivated_login_signs_nobody_in(patron):
    PatronFactory(barcode="P000777")
    user = patron.person.user
    user.is_active = False
    user.save()
    assert (sign_in("P000777"), sign_in("P123456")) == (None, None)


def test_a_staff_member_signs_in_with_the_username_in_any_case_or_the_e_mail(staff):
    user = staff("librarian")
    assert (sign_in("librarian"), sign_in("LIBRARIAN "), sign_in("librarian@example.org")) == (
        user,
        user,
        user,
    )


def test_a_login_without_a_person_is_found_by_its_own_e_mail(django_user_model):
    user = django_user_model.objects.create_user(
        username="operator", email="ops@example.org", password=PASSWORD
    )
    assert resolve("OPS@example.org") == user


def test_the_patron_page_signs_in_with_the_card_number_and_opens_the_account(client, patron):
    response = client.post("/kk/library/account/login/", {"username": " p123456", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/kk/library/account/")
    page = client.get("/kk/library/account/").content.decode()
    assert "P123456" in page


def test_the_patron_page_asks_for_the_card_number_or_e_mail(client):
    body = client.get("/ru/library/account/login/").content.decode()
    assert "Номер читательского билета или электронная почта" in body
    assert 'maxlength="254"' in body

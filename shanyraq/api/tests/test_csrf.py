"""Issue 13: API writes accepted a session cookie without CSRF, so any web page could register or
cancel in a signed-in visitor's name. Cookie-authenticated unsafe requests now need the token."""

from __future__ import annotations

import pytest
from django.test import Client

from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import PersonFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw")
    PersonFactory(user=user, name="Signed In")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def _post(client, session, **headers):
    return client.post(
        f"/api/v1/sessions/{session.pk}/registrations",
        {"language": "en"},
        content_type="application/json",
        **headers,
    )


def test_a_cookie_authenticated_write_without_the_token_is_refused(signed_in):
    session = make_session()
    response = _post(signed_in, session, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Для этого запроса нужен CSRF-токен сеанса, в котором выполнен вход (заголовок X-CSRFToken)."
    }
    assert Registration.objects.count() == 0


def test_a_cookie_authenticated_write_with_the_token_is_accepted(signed_in):
    session = make_session()
    signed_in.get(f"/en/programs/sessions/{session.pk}/")  # its form sets the csrftoken cookie
    token = signed_in.cookies["csrftoken"].value
    response = _post(signed_in, session, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert response.json()[0]["person"] == "Signed In"


def test_an_anonymous_caller_needs_no_token():
    session = make_session()
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/sessions/{session.pk}/registrations",
        {"name": "Li Wei", "email": "li@example.org", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_reads_need_no_token(signed_in):
    assert signed_in.get("/api/v1/programs").status_code == 200

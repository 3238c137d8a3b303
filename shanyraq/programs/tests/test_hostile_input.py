"""Issue 13: hostile input on the public pages gets a clear 4xx in the visitor's language, never a 500."""

from __future__ import annotations

import pytest

from shanyraq.people.models import Person
from shanyraq.programs.tests.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "3000-01", "1899-12"])
def test_a_month_outside_the_calendar_is_a_400_in_the_visitors_language(client, month):
    response = client.get(f"/kk/programs/calendar/?month={month}")
    assert response.status_code == 400
    assert "Күнтізбелер 1900 – 2999 жылдарды көрсетеді." in response.content.decode()


@pytest.mark.parametrize("month", ["2999-12", "1900-01"])
def test_the_first_and_last_months_still_render(client, month):
    assert client.get(f"/en/programs/calendar/?month={month}").status_code == 200


def test_text_that_is_not_a_month_shows_this_month(client):
    assert client.get("/en/programs/calendar/?month=soon").status_code == 200


def test_an_oversized_registration_form_is_a_413_before_anything_is_read(client):
    session = make_session()
    response = client.post(
        f"/ru/programs/sessions/{session.pk}/", {"name": "x" * 70_000, "email": "a@example.org"}
    )
    assert response.status_code == 413
    assert "Слишком большой запрос: не более 64 КБ." in response.content.decode()
    assert Person.objects.count() == 0


def test_a_long_name_in_the_form_is_refused_with_its_field(client):
    session = make_session()
    response = client.post(
        f"/en/programs/sessions/{session.pk}/", {"name": "x" * 201, "email": "a@example.org"}
    )
    assert response.status_code == 400
    assert Person.objects.count() == 0


@pytest.mark.parametrize("url", ["/en/programs/?kind=%00", "/en/collection/?q=%00", "/en/library/?q=a%00b"])
def test_a_nul_in_a_query_parameter_is_a_400_on_every_database(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The address contains a character that cannot be used." in response.content.decode()

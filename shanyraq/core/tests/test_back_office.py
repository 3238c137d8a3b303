"""The Django admin is for superusers only (issue 14, part 2; docs/decisions/028): staff do their
work on the staff pages; the admin refuses them in their language and keeps every ModelAdmin."""

from __future__ import annotations

import pytest
from django.contrib import admin

from shanyraq.collection.models import Artifact
from shanyraq.core.admin_site import BackOffice
from shanyraq.core.roles import ROLES
from shanyraq.library.models import Record
from shanyraq.people.models import Person
from shanyraq.site.models import Page

pytestmark = pytest.mark.django_db


def test_the_default_admin_site_is_the_back_office_with_every_model_admin_kept():
    admin.site._registry  # noqa: B018 - the default site is lazy: touch it to build it
    assert isinstance(admin.site._wrapped, BackOffice)
    assert {Person, Artifact, Record, Page} <= set(admin.site._registry)
    assert admin.site._registry[Person].__class__.__name__ == "PersonAdmin"


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_is_refused_in_its_own_language(staff_client, role):
    client = staff_client(role)
    response = client.get("/ru/staff/admin/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>Доступ запрещён</h1>" in body
    assert "Административная часть доступна только администраторам системы." in body
    assert '<a href="/ru/staff/">Перейти к страницам сотрудников</a>' in body


def test_a_reader_signed_in_is_refused_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="reader", password="pw-for-tests"))
    assert client.get("/en/staff/admin/people/person/").status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/en/staff/admin/people/person/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/admin/login/")


def test_staff_opening_the_admin_sign_in_page_are_sent_to_the_staff_pages(staff_client):
    response = staff_client("director").get("/kk/staff/admin/login/")
    assert (response.status_code, response["Location"]) == (302, "/kk/staff/")


def test_a_superuser_uses_the_admin(back_office_client):
    assert back_office_client.get("/en/staff/admin/").status_code == 200
    assert back_office_client.get("/en/staff/admin/people/person/").status_code == 200


def test_an_inactive_superuser_is_not_let_in(client, django_user_model):
    root = django_user_model.objects.create_superuser("old-root", "old@example.org", "pw-for-tests")
    root.is_active = False
    root.save()
    client.force_login(root)
    response = client.get("/en/staff/admin/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/staff/admin/login/?next=/en/staff/admin/",
    )


def test_the_staff_dashboard_links_the_back_office_for_a_superuser_only(staff_client, back_office_client):
    assert 'href="/en/staff/admin/"' in back_office_client.get("/en/staff/").content.decode()
    client = staff_client("director")
    assert 'href="/en/staff/admin/"' not in client.get("/en/staff/").content.decode()

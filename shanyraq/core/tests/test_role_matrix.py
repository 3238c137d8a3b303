"""Each staff role against each foundation action done in the Django admin: the admin is for
superusers only (docs/decisions/028), so every staff role is refused with nothing changed, and
a superuser does each one.

Module actions (collection, library, programs) have their own matrices beside their code.
"""

import pytest

from shanyraq.core.roles import ROLES
from shanyraq.people.models import Person
from shanyraq.site.models import Page
from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db

LANG_SUFFIXES = ["zh_hans", "en", "kk", "ru"]


def page_form(page: Page, title_en: str) -> dict:
    data = {"slug": page.slug, "order": page.order}
    for field in ["title", "summary", "body"]:
        for suffix in LANG_SUFFIXES:
            data[f"{field}_{suffix}"] = getattr(page, f"{field}_{suffix}") or ""
    data["title_en"] = title_en
    return data


def space_form(space: Space, capacity: int) -> dict:
    data = {
        "slug": space.slug,
        "kind": space.kind,
        "floor": space.floor,
        "capacity": capacity,
        "order": space.order,
    }
    if space.is_public:
        data["is_public"] = "on"
    for field in ["name", "description", "equipment", "opening_hours"]:
        for suffix in LANG_SUFFIXES:
            data[f"{field}_{suffix}"] = getattr(space, f"{field}_{suffix}") or ""
    return data


@pytest.fixture
def world(roles):
    page = Page.objects.create(slug="about", title_en="About", title_ru="О центре")
    space = Space.objects.create(slug="felt-studio", kind="studio", name_en="Felt studio", capacity=20)
    return page, space


ACTIONS = ["edit_page", "add_person", "edit_space", "view_audit_trail"]


def perform(client, action, page, space):
    """Run the action; return (http status, did the database change)."""
    if action == "edit_page":
        response = client.post(f"/en/staff/admin/site/page/{page.pk}/change/", page_form(page, "Changed"))
        page.refresh_from_db()
        return response.status_code, page.title_en == "Changed"
    if action == "add_person":
        before = Person.objects.count()
        response = client.post(
            "/en/staff/admin/people/person/add/",
            {
                "name": "Марат",
                "language": "kk",
                "other_names": "[]",
                "consents-TOTAL_FORMS": "0",
                "consents-INITIAL_FORMS": "0",
            },
        )
        return response.status_code, Person.objects.count() != before
    if action == "edit_space":
        response = client.post(f"/en/staff/admin/spaces/space/{space.pk}/change/", space_form(space, 99))
        space.refresh_from_db()
        return response.status_code, space.capacity == 99
    if action == "view_audit_trail":
        response = client.get("/en/staff/admin/core/auditevent/")
        return response.status_code, False
    raise AssertionError(action)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", ACTIONS)
def test_no_staff_role_does_it_in_the_admin(world, staff_client, role, action):
    page, space = world
    status, changed = perform(staff_client(role), action, page, space)
    assert (status, changed) == (403, False), (role, action)


@pytest.mark.parametrize("action", ACTIONS)
def test_a_superuser_does_it_in_the_admin(world, back_office_client, action):
    page, space = world
    status, changed = perform(back_office_client, action, page, space)
    assert status in (200, 302), (action, status)
    assert changed or action == "view_audit_trail", action


def test_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(world, client):
    page, space = world
    response = client.post(f"/en/staff/admin/site/page/{page.pk}/change/", page_form(page, "Changed"))
    assert response.status_code == 302
    assert "/staff/admin/login/" in response["Location"]
    page.refresh_from_db()
    assert page.title_en == "About"

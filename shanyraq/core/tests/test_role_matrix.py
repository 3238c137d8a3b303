"""Each staff role against each foundation action: allowed, or refused with nothing changed.

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


ACTIONS = {
    "edit_page": {"director"},
    "add_person": {"librarian", "program_coordinator", "front_desk"},
    "edit_space": {"program_coordinator"},
    "view_audit_trail": {"director"},
}


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
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_can_do_exactly_its_job(world, staff_client, role, action):
    page, space = world
    client = staff_client(role)
    status, changed = perform(client, action, page, space)
    if role in ACTIONS[action]:
        assert status in (200, 302), (role, action, status)
        if action != "view_audit_trail":
            assert changed, (role, action)
    else:
        assert status == 403, (role, action, status)
        assert not changed, (role, action)


def test_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(world, client):
    page, space = world
    response = client.post(f"/en/staff/admin/site/page/{page.pk}/change/", page_form(page, "Changed"))
    assert response.status_code == 302
    assert "/staff/admin/login/" in response["Location"]
    page.refresh_from_db()
    assert page.title_en == "About"

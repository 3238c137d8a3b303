"""Back-office edits of a space reach the search index, as service writes do."""

import pytest

from shanyraq.core.tests.test_role_matrix import space_form
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents
from shanyraq.spaces import search_sources
from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db


def test_renaming_a_space_in_the_back_office_updates_search(
    back_office_client, django_capture_on_commit_callbacks
):
    space = Space.objects.create(slug="studio-b", kind="studio", name_en="Weaving studio", capacity=10)
    index_documents([search_sources.document(space)])
    client = back_office_client
    data = space_form(space, 10)
    data["name_en"] = "Embroidery studio"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/admin/spaces/space/{space.pk}/change/", data)
    assert response.status_code == 302
    assert [h.title for h in search("embroidery", lang="en")] == ["Embroidery studio"]
    assert search("weaving", lang="en") == []


def test_a_space_made_private_in_the_back_office_leaves_public_search(
    back_office_client, django_capture_on_commit_callbacks
):
    space = Space.objects.create(slug="office", kind="studio", name_en="Director office", capacity=2)
    index_documents([search_sources.document(space)])
    data = space_form(space, 2)
    data.pop("is_public", None)
    with django_capture_on_commit_callbacks(execute=True):
        back_office_client.post(f"/en/staff/admin/spaces/space/{space.pk}/change/", data)
    assert search("director office", lang="en") == []
    assert [h.object_id for h in search("director office", lang="en", public_only=False)] == [str(space.pk)]

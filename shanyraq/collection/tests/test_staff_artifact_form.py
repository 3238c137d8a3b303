"""Curators catalogue and edit artifacts on a staff page in their language, not in the Django
admin: any one language's title saves a draft; the texts sit on one tab per language."""

import pytest

from shanyraq.collection.models import Artifact, Term
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW = "/kk/staff/collection/artifacts/new/"


@pytest.fixture
def category(db):
    return Term.objects.create(
        vocabulary=Term.Vocabulary.CATEGORY, slug="jewelry", name_kk="Зергерлік бұйымдар"
    )


def test_a_kazakh_curator_saves_a_draft_with_a_kazakh_title_only(staff_client, category):
    client = staff_client("curator")
    page = client.get(NEW)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="panel-kk"' in html and 'lang="kk"' in html and "Жаңа жәдігер" in html
    response = client.post(
        NEW, {"title_kk": "Күміс білезік", "category": category.pk, "label_text_kk": "XIX ғасыр"}
    )
    artifact = Artifact.objects.get()
    assert response["Location"] == f"/kk/staff/collection/artifacts/{artifact.accession_number}/"
    assert (artifact.title_kk, artifact.title_en or "", artifact.published, artifact.category) == (
        "Күміс білезік",
        "",
        False,
        category,
    )
    assert artifact.label_text_kk == "XIX ғасыр"
    assert AuditEvent.objects.filter(action="collection.artifact_create").count() == 1


def test_no_title_in_any_language_is_refused_in_the_curators_language_and_keeps_the_input(staff_client):
    response = staff_client("curator").post(NEW, {"description_ru": "Серебро, чеканка"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Серебро, чеканка" in html  # nothing typed is lost
    assert 'role="alert"' in html and "Give a title in at least one language." not in html
    assert Artifact.objects.count() == 0


def test_a_taken_accession_number_is_named(staff_client):
    client = staff_client("curator")
    client.post(NEW, {"accession_number": "KCC.J.1", "title_ru": "Браслет"})
    response = client.post(NEW, {"accession_number": "KCC.J.1", "title_ru": "Другой браслет"})
    assert response.status_code == 400
    assert "KCC.J.1" in response.content.decode()
    assert Artifact.objects.count() == 1


def test_editing_fills_every_language_tab_and_saves_one_language(staff_client):
    client = staff_client("curator")
    client.post(NEW, {"accession_number": "KCC.J.2", "title_zh_hans": "银手镯", "title_ru": "Браслет"})
    edit = "/ru/staff/collection/artifacts/KCC.J.2/edit/"
    html = client.get(edit).content.decode()
    assert 'value="银手镯"' in html and 'value="Браслет"' in html
    client.post(edit, {"title_zh_hans": "银手镯", "title_ru": "Серебряный браслет", "published": "on"})
    artifact = Artifact.objects.get()
    assert (artifact.title_ru, artifact.title_zh_hans, artifact.published) == (
        "Серебряный браслет",
        "银手镯",
        True,
    )


def test_the_front_desk_may_not_catalogue(staff_client):
    assert staff_client("front_desk").get(NEW).status_code == 403

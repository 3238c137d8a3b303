"""Staff pages: librarians and curators list, search, create and edit authorities; others cannot."""

import io

import pymarc
import pytest

from shanyraq.authorities.models import Authority
from shanyraq.authorities.tests.factories import abai, shostakovich

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "person",
    "name_zh_hans": "江布尔·扎巴耶夫",
    "name_en": "Zhambyl Zhabayev",
    "name_kk": "Жамбыл Жабаев",
    "name_ru": "Джамбул Джабаев",
    "dates": "1846-1945",
    "note_en": "Akyn.",
    "variants": "Jambyl Jabayev | Wikidata Q319497\nДжамбул | Большая российская энциклопедия\n\n",
}


@pytest.mark.parametrize("role", ["librarian", "curator"])
def test_a_librarian_or_curator_creates_an_authority_with_variants_and_sources(staff_client, role):
    response = staff_client(role).post("/en/staff/authorities/new/", FORM)
    a = Authority.objects.get()
    assert response.status_code == 302 and response.url == f"/en/staff/authorities/{a.pk}/edit/"
    assert (a.name_kk, a.name_zh_hans, a.dates) == ("Жамбыл Жабаев", "江布尔·扎巴耶夫", "1846-1945")
    assert sorted(a.variants.values_list("text", "script", "source")) == [
        ("Jambyl Jabayev", "Latn", "Wikidata Q319497"),
        ("Джамбул", "Cyrl", "Большая российская энциклопедия"),
    ]


def test_editing_keeps_the_form_round_trip_and_changes_what_was_changed(staff_client):
    a = abai()
    client = staff_client("librarian")
    page = client.get(f"/ru/staff/authorities/{a.pk}/edit/").content.decode()
    assert "Abai | LC Name Authority File" in page
    data = {
        **FORM,
        "name_en": "Abai",
        "name_kk": "Абай",
        "name_ru": "Абай",
        "name_zh_hans": "阿拜",
        "variants": "Abay",
    }
    assert client.post(f"/ru/staff/authorities/{a.pk}/edit/", data).status_code == 302
    a.refresh_from_db()
    assert (a.name_en, list(a.variants.values_list("text", flat=True))) == ("Abai", ["Abay"])


def test_a_form_without_any_preferred_name_is_refused(staff_client):
    data = {**FORM, "name_zh_hans": "", "name_en": "", "name_kk": "", "name_ru": ""}
    response = staff_client("librarian").post("/en/staff/authorities/new/", data)
    assert response.status_code == 200
    assert "Give the preferred name in at least one language." in response.content.decode()
    assert Authority.objects.count() == 0


@pytest.mark.parametrize("role", ["teacher", "front_desk", "program_coordinator", "director"])
def test_other_roles_cannot_create_or_edit(staff_client, role):
    a = abai()
    client = staff_client(role)
    assert client.post("/en/staff/authorities/new/", FORM).status_code == 403
    assert client.post(f"/en/staff/authorities/{a.pk}/edit/", FORM).status_code == 403
    assert list(Authority.objects.values_list("name_en", flat=True)) == ["Abai Qunanbaiuly"]


def test_the_list_finds_an_authority_by_any_form_in_any_script(staff_client):
    abai()
    shostakovich()
    client = staff_client("curator")
    for q in ("肖斯塔科维奇", "Шостакович", "shostakovich"):
        text = client.get("/zh-hans/staff/authorities/", {"q": q}).content.decode()
        assert "德米特里·肖斯塔科维奇" in text and "阿拜·库南拜乌勒" not in text


def test_the_list_shows_names_in_the_staff_members_language(staff_client):
    abai()
    text = staff_client("librarian").get("/kk/staff/authorities/").content.decode()
    assert 'lang="kk">Абай Құнанбайұлы</a>' in text


def test_the_staff_menu_links_the_authorities_for_librarians_only(staff_client, client):
    assert "/en/staff/authorities/" in staff_client("librarian").get("/en/staff/").content.decode()
    client.logout()
    assert "/en/staff/authorities/" not in staff_client("teacher").get("/en/staff/").content.decode()


def test_the_download_is_marcxml_pymarc_reads(staff_client):
    a = abai()
    response = staff_client("librarian").get("/en/staff/authorities/export.xml")
    assert response["Content-Type"] == "application/marcxml+xml"
    records = pymarc.parse_xml_to_array(io.BytesIO(response.content))
    assert [r["100"]["a"] for r in records] == [a.name_en]


def test_a_librarian_links_a_record_and_an_artifact_and_removes_a_link(staff_client):
    from shanyraq.authorities.models import ArtifactLink, RecordLink
    from shanyraq.collection.tests.factories import ArtifactFactory
    from shanyraq.library.tests.factories import RecordFactory

    a = abai()
    record = RecordFactory(title="Қара сөздер")
    artifact = ArtifactFactory()
    client = staff_client("librarian")
    url = f"/en/staff/authorities/{a.pk}/links/"
    assert (
        client.post(url, {"target": "record", "identifier": str(record.pk), "role": "author"}).status_code
        == 302
    )
    client.post(url, {"target": "artifact", "identifier": artifact.accession_number, "role": "subject"})
    client.post(url, {"target": "record", "identifier": "999999", "role": "author"})  # no such record
    assert list(RecordLink.objects.values_list("record_id", "role")) == [(record.pk, "author")]
    assert list(ArtifactLink.objects.values_list("artifact_id", "role")) == [(artifact.pk, "subject")]
    page = client.get(f"/en/staff/authorities/{a.pk}/edit/").content.decode()
    assert "Қара сөздер" in page and artifact.accession_number in page
    link = RecordLink.objects.get()
    client.post(url, {"remove": f"record:{link.pk}"})
    assert not RecordLink.objects.exists()


def test_other_roles_cannot_link(staff_client):
    from shanyraq.authorities.models import RecordLink
    from shanyraq.library.tests.factories import RecordFactory

    a = abai()
    record = RecordFactory()
    response = staff_client("teacher").post(
        f"/en/staff/authorities/{a.pk}/links/",
        {"target": "record", "identifier": str(record.pk), "role": "author"},
    )
    assert response.status_code == 403
    assert not RecordLink.objects.exists()

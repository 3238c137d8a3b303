"""Visitor pages: facets, cross-script search, date sort, artifact page, QR redirect, what stays hidden."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from shanyraq.collection.models import Term
from shanyraq.collection.services.artifacts import artifact_create
from shanyraq.collection.services.exhibitions import exhibition_artifact_add, exhibition_create
from shanyraq.collection.services.loans import loan_in_create
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import ArtifactFactory, SpaceFactory, StorageFactory

pytestmark = pytest.mark.django_db


def term(vocabulary, slug):
    return Term.objects.get(vocabulary=vocabulary, slug=slug)


@pytest.fixture
def collection(vocab, curator):
    hall, storage = SpaceFactory(slug="hall-archaeology", name_en="Hall 1"), StorageFactory()
    cauldron = artifact_create(
        actor=curator,
        accession_number="KCC.T.1",
        title_en="Saka bronze cauldron",
        title_kk="Сақтың қола қазаны",
        title_ru="Сакский бронзовый котёл",
        title_zh_hans="塞种青铜鍑",
        label_text_en="A cauldron for feasts.",
        label_text_ru="Котёл для пиров.",
        category=term("category", "archaeology"),
        period=term("period", "saka"),
        earliest_year=-500,
        latest_year=-401,
        published=True,
        materials=[term("material", "bronze")],
    )
    dombra = artifact_create(
        actor=curator,
        accession_number="KCC.T.2",
        title_en="Dombra",
        title_kk="Домбыра",
        title_ru="Домбра",
        title_zh_hans="冬不拉",
        category=term("category", "musical-instruments"),
        period=term("period", "19th-early-20th"),
        earliest_year=1890,
        latest_year=1900,
        published=True,
        materials=[term("material", "wood")],
    )
    hidden = artifact_create(
        actor=curator, accession_number="KCC.T.3", title_en="Secret draft", published=False
    )
    artifact_move(
        actor=curator, artifact=cauldron, space=hall, reason="installation", location_detail="Case 1"
    )
    artifact_move(
        actor=curator, artifact=dombra, space=storage, reason="storage", location_detail="Shelf S-77"
    )
    loan_in_create(
        actor=curator,
        lender="Central State Museum",
        agreement_number="AGR-SECRET-42",
        artifacts=[cauldron],
        insurance_value=Decimal("987654.00"),
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 8, 1),
    )
    return {"cauldron": cauldron, "dombra": dombra, "hidden": hidden, "hall": hall}


def titles(response):
    return [a.accession_number for a in response.context["artifacts"]]


def test_collection_index_lists_only_published_artifacts(client, collection):
    response = client.get("/en/collection/")
    assert response.status_code == 200
    assert titles(response) == ["KCC.T.1", "KCC.T.2"]
    assert "Secret draft" not in response.content.decode()


def test_category_facet_filters_and_counts(client, collection):
    response = client.get("/en/collection/?category=archaeology")
    assert titles(response) == ["KCC.T.1"]
    counts = {t.slug: (n, sel) for t, n, sel in response.context["browse"].facets["category"]}
    assert counts == {"archaeology": (1, True), "musical-instruments": (1, False)}


def test_material_and_period_facets_filter(client, collection):
    assert titles(client.get("/en/collection/?material=wood")) == ["KCC.T.2"]
    assert titles(client.get("/en/collection/?period=saka&material=bronze")) == ["KCC.T.1"]


def test_on_view_now_and_hall_facets_show_only_artifacts_in_public_halls(client, collection):
    assert titles(client.get("/en/collection/?on_view=1")) == ["KCC.T.1"]
    response = client.get("/en/collection/?hall=hall-archaeology")
    assert titles(response) == ["KCC.T.1"]
    assert [s.slug for s, _n, _sel in response.context["browse"].facets["hall"]] == ["hall-archaeology"]


def test_sort_by_date_puts_bce_first(client, collection):
    assert titles(client.get("/en/collection/?sort=date")) == ["KCC.T.1", "KCC.T.2"]
    assert titles(client.get("/en/collection/?sort=-date")) == ["KCC.T.2", "KCC.T.1"]


def test_search_box_finds_across_scripts_and_keeps_facets(client, collection):
    assert titles(client.get("/en/collection/", {"q": "домбыра"})) == ["KCC.T.2"]
    assert titles(client.get("/en/collection/", {"q": "冬不拉"})) == ["KCC.T.2"]
    assert titles(client.get("/en/collection/", {"q": "Secret"})) == []
    assert titles(client.get("/en/collection/", {"q": "dombra", "category": "archaeology"})) == []


def test_artifact_page_shows_label_in_visitor_language_and_the_hall(client, collection):
    body = client.get("/ru/collection/artifacts/KCC.T.1/").content.decode()
    assert "Котёл для пиров." in body
    assert "Hall 1" in body


def test_missing_kazakh_label_falls_back_marked_with_its_language(client, collection):
    body = client.get("/kk/collection/artifacts/KCC.T.1/").content.decode()
    assert '<div class="label-text" lang="ru" data-testid="label"><p>Котёл для пиров.</p></div>' in body


def test_public_pages_never_show_loan_insurance_or_storage(client, collection):
    pages = [
        client.get("/en/collection/").content.decode(),
        client.get("/en/collection/artifacts/KCC.T.1/").content.decode(),
        client.get("/en/collection/artifacts/KCC.T.2/").content.decode(),
        client.get("/iiif/artifacts/KCC.T.1/manifest.json").content.decode(),
    ]
    for body in pages:
        for secret in ("AGR-SECRET-42", "987654", "987 654", "Shelf S-77", "Storage", "Central State Museum"):
            assert secret not in body


def test_unpublished_artifact_page_is_not_found(client, collection):
    assert client.get("/en/collection/artifacts/KCC.T.3/").status_code == 404
    assert client.get("/iiif/artifacts/KCC.T.3/manifest.json").status_code == 404


def test_artifact_page_has_schema_org_json_ld(client, collection):
    body = client.get("/en/collection/artifacts/KCC.T.1/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert (data["@type"], data["name"], data["identifier"]) == (
        "VisualArtwork",
        "Saka bronze cauldron",
        "KCC.T.1",
    )


def test_json_ld_escapes_markup_in_titles(client, vocab, curator):
    artifact_create(actor=curator, accession_number="KCC.X", title_en="</script><b>x</b>", published=True)
    response = client.get("/en/collection/artifacts/KCC.X/")
    assert response.status_code == 200
    assert "</script><b>" not in response.content.decode()


def test_qr_link_redirects_to_the_phone_language(client, collection):
    response = client.get("/collection/a/KCC.T.1/", HTTP_ACCEPT_LANGUAGE="kk-KZ,kk;q=0.9,ru;q=0.8")
    assert (response.status_code, response["Location"]) == (302, "/kk/collection/artifacts/KCC.T.1/")
    response = client.get("/collection/a/KCC.T.1/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/zh-hans/collection/artifacts/KCC.T.1/"
    response = client.get("/collection/a/KCC.T.1/", HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert response["Location"] == "/en/collection/artifacts/KCC.T.1/"


def test_exhibition_page_lists_artifacts_with_their_exhibition_label(client, collection, curator):
    exhibition = exhibition_create(
        actor=curator,
        slug="gold",
        title_en="Steppe gold",
        start_date=datetime.date(2025, 9, 2),
        halls=[collection["hall"]],
        published=True,
    )
    exhibition_artifact_add(
        actor=curator, exhibition=exhibition, artifact=collection["cauldron"], label_en="Feast pot"
    )
    exhibition_artifact_add(
        actor=curator, exhibition=exhibition, artifact=collection["hidden"], label_en="Hidden"
    )
    response = client.get("/en/collection/exhibitions/gold/")
    body = response.content.decode()
    assert "Feast pot" in body and "Hidden" not in body
    assert response.context["is_open"] is True
    assert "Steppe gold" in client.get("/en/collection/artifacts/KCC.T.1/").content.decode()


def test_exhibition_not_yet_open_is_not_on_view(client, collection, curator):
    exhibition_create(
        actor=curator, slug="future", title_en="Future", start_date=datetime.date(2099, 1, 1), published=True
    )
    response = client.get("/en/collection/exhibitions/")
    assert [e.slug for e in response.context["current"]] == []
    assert [e.slug for e in response.context["other"]] == ["future"]


def test_unpublished_exhibition_is_not_found(client, curator):
    exhibition_create(actor=curator, slug="draft", title_en="Draft", start_date=datetime.date(2025, 1, 1))
    assert client.get("/en/collection/exhibitions/draft/").status_code == 404


def test_deaccessioned_artifact_disappears_from_public_pages(client, collection, curator):
    from shanyraq.collection.services.procedures import artifact_deaccession

    artifact_deaccession(actor=curator, artifact=collection["dombra"], method="transfer", reason="Transfer")
    assert client.get("/en/collection/artifacts/KCC.T.2/").status_code == 404
    assert titles(client.get("/en/collection/")) == ["KCC.T.1"]


def test_factory_artifacts_without_location_are_not_on_view(client, vocab):
    ArtifactFactory(accession_number="F.1")
    assert titles(client.get("/en/collection/?on_view=1")) == []


def test_facet_counts_follow_a_move_at_once(client, collection, curator):
    assert titles(client.get("/en/collection/?on_view=1")) == ["KCC.T.1"]
    artifact_move(
        actor=curator, artifact=collection["dombra"], space=collection["hall"], reason="installation"
    )
    response = client.get("/en/collection/")
    assert response.context["browse"].on_view_count == 2
    assert [(s.slug, n) for s, n, _sel in response.context["browse"].facets["hall"]] == [
        ("hall-archaeology", 2)
    ]


def test_a_returned_or_deaccessioned_artifact_cannot_be_published_again(collection, curator):
    from django.core.exceptions import ValidationError

    from shanyraq.collection.services.artifacts import artifact_publish, artifact_update
    from shanyraq.collection.services.procedures import artifact_deaccession

    artifact_deaccession(actor=curator, artifact=collection["dombra"], method="transfer", reason="Transfer")
    with pytest.raises(ValidationError):
        artifact_publish(actor=curator, artifact=collection["dombra"])
    with pytest.raises(ValidationError):
        artifact_update(actor=curator, artifact=collection["dombra"], published=True)


def test_material_counts_on_the_landing_page_leave_out_unpublished_artifacts(client, collection, curator):
    bronze = Term.objects.get(vocabulary="material", slug="bronze")
    artifact_create(
        actor=curator, accession_number="KCC.T.9", title_en="Draft", published=False, materials=[bronze]
    )
    response = client.get("/en/collection/")
    counts = {t.slug: n for t, n, _sel in response.context["browse"].facets["material"]}
    assert counts == {"bronze": 1, "wood": 1}

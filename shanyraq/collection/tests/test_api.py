"""The public API: published artifacts only, translated fields as language dicts, no internal fields."""

import datetime
from decimal import Decimal

import pytest

from shanyraq.collection.models import Term
from shanyraq.collection.services.artifacts import artifact_create
from shanyraq.collection.services.loans import loan_in_create
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import SpaceFactory, StorageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(vocab, curator):
    saka = Term.objects.get(vocabulary="period", slug="saka")
    arch = Term.objects.get(vocabulary="category", slug="archaeology")
    gold = artifact_create(
        actor=curator,
        accession_number="KCC.A.1",
        title_en="Gold plaque",
        title_kk="Алтын тақта",
        title_ru="Золотая бляха",
        title_zh_hans="金牌饰",
        period=saka,
        category=arch,
        earliest_year=-500,
        latest_year=-300,
        published=True,
        provenance="Bought from a private dealer in 1999",
    )
    artifact_create(actor=curator, accession_number="KCC.A.2", title_en="Unpublished", published=False)
    stored = artifact_create(actor=curator, accession_number="KCC.A.3", title_en="Stored bow", published=True)
    artifact_move(
        actor=curator, artifact=gold, space=SpaceFactory(slug="hall-archaeology"), reason="installation"
    )
    artifact_move(
        actor=curator, artifact=stored, space=StorageFactory(), reason="storage", location_detail="Rack 9"
    )
    loan_in_create(
        actor=curator,
        lender="National Museum",
        agreement_number="NM-SECRET",
        artifacts=[gold],
        insurance_value=Decimal("424242"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 9, 1),
    )


def test_list_returns_published_only_with_language_dicts(client, data):
    body = client.get("/api/v1/artifacts").json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["title"] == {
        "zh-hans": "金牌饰",
        "en": "Gold plaque",
        "kk": "Алтын тақта",
        "ru": "Золотая бляха",
    }
    assert (first["period"]["slug"], first["on_view"], first["hall"]) == ("saka", True, "hall-archaeology")
    assert body["results"][1]["hall"] is None


def test_list_filters_like_the_collection_page(client, data):
    assert [a["accession_number"] for a in client.get("/api/v1/artifacts?period=saka").json()["results"]] == [
        "KCC.A.1"
    ]
    assert [
        a["accession_number"] for a in client.get("/api/v1/artifacts?on_view=true").json()["results"]
    ] == ["KCC.A.1"]
    assert client.get("/api/v1/artifacts?limit=1000").status_code == 400


def test_detail_never_exposes_internal_fields(client, data):
    response = client.get("/api/v1/artifacts/KCC.A.1")
    text = response.content.decode()
    assert response.status_code == 200
    for secret in (
        "NM-SECRET",
        "424242",
        "National Museum",
        "private dealer",
        "provenance",
        "insurance",
        "status",
    ):
        assert secret not in text
    stored = client.get("/api/v1/artifacts/KCC.A.3").content.decode()
    assert "Rack 9" not in stored and "storage" not in stored


def test_detail_of_unpublished_artifact_is_not_found(client, data):
    assert client.get("/api/v1/artifacts/KCC.A.2").status_code == 404


def test_detail_gives_image_alt_text_and_caption_as_language_dicts(client, data, settings, tmp_path, curator):
    import io

    from PIL import Image

    from shanyraq.collection.models import Artifact
    from shanyraq.collection.services.images import image_add

    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "gold").save(out, "PNG")
    image_add(
        actor=curator,
        artifact=Artifact.objects.get(accession_number="KCC.A.1"),
        data=out.getvalue(),
        alt_en="Gold plaque, front",
        credit_en="Photo: the center",
        credit_kk="Фото: орталық",
    )
    image = client.get("/api/v1/artifacts/KCC.A.1").json()["images"][0]
    assert (image["alt"]["en"], image["credit"]) == (
        "Gold plaque, front",
        {"zh-hans": "", "en": "Photo: the center", "kk": "Фото: орталық", "ru": ""},
    )

"""The demo loads through the services: artifacts in halls, loans due, exhibitions open."""

import pytest
from django.core.management import call_command

from shanyraq.collection.demo import placeholder_image_add
from shanyraq.collection.demo_data import PLACEHOLDER_CREDIT
from shanyraq.collection.models import Artifact, Exhibition, LoanIn
from shanyraq.collection.selectors import artifacts_in_hall, exhibitions_open, loans_in_due
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.spaces.models import Space


@pytest.mark.django_db
def test_demo_loads_forty_plus_artifacts_in_five_categories_with_four_languages(settings, tmp_path, clock):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    artifacts = Artifact.objects.all()
    assert artifacts.count() == 46
    assert set(artifacts.values_list("category__slug", flat=True)) >= {
        "archaeology",
        "jewelry-art",
        "weapons",
        "musical-instruments",
        "ethnography",
    }
    assert (
        not artifacts.filter(title_kk="").exists() and not artifacts.filter(description_zh_hans="").exists()
    )
    assert artifacts_in_hall(Space.objects.get(slug="hall-archaeology")).count() == 13
    assert LoanIn.objects.count() == 2 and loans_in_due().count() == 1
    assert Exhibition.objects.count() == 3 and exhibitions_open().count() == 3
    assert all(a.images.get().alt_en.startswith("Placeholder") for a in artifacts[:3])
    assert {a.images.get().credit_kk for a in artifacts} == {PLACEHOLDER_CREDIT[2]}


@pytest.mark.django_db
def test_placeholder_image_says_it_is_no_photograph_in_each_language(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    artifact = ArtifactFactory(accession_number="KCC.D.1", title_en="Dombra", title_kk="Домбыра")
    titles = ("Dombra", "冬不拉", "Домбыра", "Домбра")
    image = placeholder_image_add(actor=None, artifact=artifact, titles=titles, category="ethnography")
    assert (image.alt_zh_hans, image.alt_kk, image.alt_ru) == (
        "占位图片，并非实物照片：冬不拉",
        "Уақытша сурет, фотосурет емес: Домбыра",
        "Временное изображение, не фотография: Домбра",
    )
    assert [image.credit_en, image.credit_zh_hans, image.credit_kk, image.credit_ru] == list(
        PLACEHOLDER_CREDIT
    )
    body = client.get("/kk/collection/artifacts/KCC.D.1/").content.decode()
    assert f'<figcaption class="meta">{PLACEHOLDER_CREDIT[2]}</figcaption>' in body
    assert PLACEHOLDER_CREDIT[0] not in body

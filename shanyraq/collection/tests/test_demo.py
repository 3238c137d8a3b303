"""The demo loads through the services: artifacts in halls, loans due, exhibitions open."""

import pytest
from django.core.management import call_command

from shanyraq.collection.models import Artifact, Exhibition, LoanIn
from shanyraq.collection.selectors import artifacts_in_hall, exhibitions_open, loans_in_due
from shanyraq.spaces.models import Space


@pytest.mark.django_db
def test_demo_loads_forty_plus_artifacts_in_five_categories_with_four_languages(settings, tmp_path):
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

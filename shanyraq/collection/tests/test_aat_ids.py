"""Getty AAT ids of the starting vocabularies: well formed, applied by the load, never clobbering a curator."""

import importlib
import re

import pytest
from django.apps import apps as global_apps

from shanyraq.collection.models import Term
from shanyraq.collection.vocabularies import (
    AAT_IDS,
    CATEGORIES,
    MATERIALS,
    OBJECT_TYPES,
    PERIODS,
    TECHNIQUES,
    vocabularies_load,
)

V = Term.Vocabulary
ROWS = {
    V.CATEGORY: CATEGORIES,
    V.PERIOD: PERIODS,
    V.MATERIAL: MATERIALS,
    V.TECHNIQUE: TECHNIQUES,
    V.OBJECT_TYPE: OBJECT_TYPES,
}
migration = importlib.import_module("shanyraq.collection.migrations.0003_term_aat_ids")


def test_every_aat_id_is_nine_digits_starting_with_300():
    bad = {key: value for key, value in AAT_IDS.items() if not re.fullmatch(r"300\d{6}", value)}
    assert bad == {}


def test_every_aat_id_belongs_to_a_starting_term():
    known = {(vocabulary, row[0]) for vocabulary, rows in ROWS.items() for row in rows}
    assert set(AAT_IDS) - known == set()


def test_no_two_terms_of_one_vocabulary_share_an_aat_id():
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for (vocabulary, slug), aat_id in AAT_IDS.items():
        assert (vocabulary, aat_id) not in seen, (slug, seen[(vocabulary, aat_id)])
        seen[(vocabulary, aat_id)] = (vocabulary, slug)


def test_every_aat_id_the_migration_fills_is_nine_digits_starting_with_300():
    bad = {key: value for key, value in migration.AAT_IDS.items() if not re.fullmatch(r"300\d{6}", value)}
    assert bad == {}


@pytest.mark.django_db
def test_load_gives_the_cauldron_its_aat_id():
    vocabularies_load()
    assert Term.objects.get(vocabulary=V.OBJECT_TYPE, slug="cauldron").aat_id == "300196395"


@pytest.mark.django_db
def test_load_leaves_terms_without_a_verified_id_empty():
    vocabularies_load()
    assert Term.objects.get(vocabulary=V.OBJECT_TYPE, slug="yurt-part").aat_id == ""


@pytest.mark.django_db
def test_load_applies_every_listed_id():
    vocabularies_load()
    stored = {
        (t.vocabulary, t.slug): t.aat_id
        for t in Term.objects.exclude(aat_id="").only("vocabulary", "slug", "aat_id")
    }
    assert stored == {(str(v), s): a for (v, s), a in AAT_IDS.items()}


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    vocabularies_load()
    first = sorted(Term.objects.values_list("vocabulary", "slug", "aat_id"))
    vocabularies_load()
    assert sorted(Term.objects.values_list("vocabulary", "slug", "aat_id")) == first


@pytest.mark.django_db
def test_load_keeps_an_aat_id_a_curator_typed():
    vocabularies_load()
    Term.objects.filter(vocabulary=V.OBJECT_TYPE, slug="mirror").update(aat_id="300223941")
    vocabularies_load()
    assert Term.objects.get(vocabulary=V.OBJECT_TYPE, slug="mirror").aat_id == "300223941"


@pytest.mark.django_db
def test_load_fills_an_existing_term_that_has_no_id_yet():
    Term.objects.create(vocabulary=V.MATERIAL, slug="gold", name="gold", aat_id="")
    vocabularies_load()
    assert Term.objects.get(vocabulary=V.MATERIAL, slug="gold").aat_id == "300011021"


@pytest.mark.django_db
def test_migration_fills_empty_ids_of_an_existing_install():
    Term.objects.create(vocabulary=V.TECHNIQUE, slug="forging", name="forging")
    migration.fill_aat_ids(global_apps, None)
    assert Term.objects.get(vocabulary=V.TECHNIQUE, slug="forging").aat_id == "300054033"


@pytest.mark.django_db
def test_migration_keeps_an_id_a_curator_typed():
    Term.objects.create(vocabulary=V.TECHNIQUE, slug="forging", name="forging", aat_id="300054035")
    migration.fill_aat_ids(global_apps, None)
    assert Term.objects.get(vocabulary=V.TECHNIQUE, slug="forging").aat_id == "300054035"

import pytest
from django.core.exceptions import ValidationError

from shanyraq.authorities.models import Authority, Key, RecordLink, Relation, Variant
from shanyraq.authorities.services import (
    AuthorityData,
    VariantData,
    authority_merge,
    authority_update,
    link_record,
    relation_add,
    variant_add,
)
from shanyraq.authorities.tests.factories import abai, make_authority
from shanyraq.library.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


def test_create_stores_four_preferred_forms_and_variants_with_detected_scripts():
    a = abai()
    assert (a.name_zh_hans, a.name_en, a.name_kk, a.name_ru) == (
        "阿拜·库南拜乌勒",
        "Abai Qunanbaiuly",
        "Абай Құнанбайұлы",
        "Абай Кунанбаев",
    )
    assert sorted(a.variants.values_list("text", "script", "source")) == [
        ("Abai", "Latn", "LC Name Authority File"),
        ("Абай", "Cyrl", "Kazakh national encyclopedia"),
        ("阿拜", "Hani", "Wikidata Q313495"),
    ]


def test_keys_cover_every_form_in_one_key_space():
    a = abai()
    keys = set(Key.objects.filter(authority=a).values_list("key", flat=True))
    # Kazakh Cyrillic and its Latin spelling meet in one key.
    assert keys == {"阿拜 库南拜乌勒", "abai kunanbauli", "abai kunanbaev", "阿拜", "abai"}


def test_a_variant_equal_to_a_preferred_form_is_not_stored_twice():
    a = make_authority(en="Lu Xun", zh="鲁迅", kk="Лу Синь", ru="Лу Синь", variants=["Lu Xun", "魯迅"])
    assert list(a.variants.values_list("text", flat=True)) == ["魯迅"]
    assert variant_add(a, "鲁迅") is None
    assert variant_add(a, " Lu  Hsün ", source="Wade-Giles").text == "Lu Hsün"


def test_update_replaces_forms_and_keys_but_keeps_links():
    a = abai()
    record = RecordFactory(title="Қара сөздер")
    link_record(a, record)
    authority_update(
        a,
        AuthorityData(
            kind="person",
            names={"zh_hans": "阿拜", "en": "Abai", "kk": "Абай", "ru": "Абай"},
            variants=[VariantData("Abay Kunanbayev", "LC")],
        ),
    )
    assert list(Variant.objects.filter(authority=a).values_list("text", flat=True)) == ["Abay Kunanbayev"]
    assert set(Key.objects.filter(authority=a).values_list("key", flat=True)) == {
        "阿拜",
        "abai",
        "abai kunanbaev",
    }
    assert RecordLink.objects.filter(authority=a, record=record).count() == 1


def test_an_authority_needs_a_name_and_a_known_kind():
    with pytest.raises(ValidationError):
        make_authority(en="")
    with pytest.raises(ValidationError):
        make_authority("planet", en="Mars")
    assert Authority.objects.count() == 0


def test_merge_moves_forms_links_and_relations_to_the_kept_authority():
    keep = abai()
    drop = make_authority(en="Abay Kunanbayev", ru="Абай Кунанбаев", variants=[("Ibrahim Kunanbaev", "RNB")])
    other = make_authority("place", en="Semey", kk="Семей", ru="Семей", zh="塞梅伊")
    relation_add(drop, other, "born near")
    record = RecordFactory()
    link_record(drop, record)
    kept = authority_merge(keep=keep, drop=drop)
    assert not Authority.objects.filter(pk=drop.pk).exists()
    assert {"Abay Kunanbayev", "Ibrahim Kunanbaev"} <= set(kept.variants.values_list("text", flat=True))
    assert list(RecordLink.objects.filter(record=record).values_list("authority_id", flat=True)) == [keep.pk]
    assert list(Relation.objects.filter(authority=keep).values_list("related_id", "note")) == [
        (other.pk, "born near")
    ]


def test_an_authority_cannot_see_also_itself():
    a = abai()
    with pytest.raises(ValidationError):
        relation_add(a, a)

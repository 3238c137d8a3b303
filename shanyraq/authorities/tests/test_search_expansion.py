"""A query naming any form of an authority finds every form and the things linked to it, on
whichever database the suite runs on (CI: SQLite and PostgreSQL)."""

import pytest

from shanyraq.authorities.selectors import expand_query
from shanyraq.authorities.services import link_record
from shanyraq.authorities.tests.factories import abai, shostakovich
from shanyraq.library.tests.factories import RecordFactory
from shanyraq.search.documents import SearchDocument
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents

pytestmark = pytest.mark.django_db


def _doc(object_id, title, public=True, names=()):
    return SearchDocument(
        kind="record", object_id=str(object_id), titles={"": title}, names=list(names), public=public
    )


@pytest.fixture
def catalogue():
    a = abai()
    shostakovich()
    linked = RecordFactory(title="Қара сөздер")
    link_record(a, linked)
    hidden = RecordFactory(title="Жабық кітап")
    link_record(a, hidden)
    index_documents(
        [
            _doc(9001, "阿拜诗选"),
            _doc(9002, "肖斯塔科维奇交响曲全集"),
            _doc(9003, "Абай жолы"),
            _doc(9004, "Russian symphonies"),
            _doc(linked.pk, "Қара сөздер"),
            _doc(hidden.pk, "Жабық кітап", public=False),
        ]
    )
    return {"linked": str(linked.pk), "hidden": str(hidden.pk)}


def _found(q):
    return [h.object_id for h in search(q, kind="record", limit=20)]


def test_a_russian_form_finds_a_book_catalogued_in_hanzi(catalogue):
    assert "9001" in _found("Абай Кунанбаев")


def test_an_english_form_finds_a_book_catalogued_in_hanzi(catalogue):
    assert _found("Shostakovich")[:1] == ["9002"]
    assert "9002" in _found("Шостакович")


def test_hanzi_finds_the_cyrillic_and_latin_forms(catalogue):
    found = _found("阿拜")
    assert {"9001", "9003"} <= set(found)


def test_a_name_finds_records_linked_to_its_authority_whatever_their_text(catalogue):
    assert catalogue["linked"] in _found("Abai Qunanbaiuly")
    assert catalogue["linked"] in _found("阿拜")


def test_linked_but_unpublished_records_stay_hidden_from_visitors(catalogue):
    assert catalogue["hidden"] not in _found("Abai")
    assert catalogue["hidden"] in [h.object_id for h in search("Abai", kind="record", public_only=False)]


def test_a_name_with_other_words_keeps_the_other_words(catalogue):
    # "Абай жолы" is found by its own words; 阿拜诗选 lacks "жолы" so it is not.
    found = _found("Abai жолы")
    assert "9003" in found
    assert "9001" not in found


def test_queries_naming_no_authority_are_not_expanded(catalogue):
    assert expand_query("Russian symphonies").queries == ()
    assert _found("Russian symphonies") == ["9004"]


def test_expansion_spells_the_named_span_in_every_other_form(catalogue):
    expansion = expand_query("Шостакович симфонии")
    assert "肖斯塔科维奇 симфонии" in expansion.queries
    assert "Dmitri Shostakovich симфонии" in expansion.queries
    assert not any(q.startswith("shostakovich") for q in expansion.queries)


def test_a_han_name_inside_a_longer_han_word_is_found(catalogue):
    expansion = expand_query("肖斯塔科维奇交响曲")
    assert any(q.startswith("Shostakovich") and "交响曲" in q for q in expansion.queries)


def test_a_word_inside_a_longer_name_is_not_read_as_another_name(catalogue):
    from shanyraq.authorities.tests.factories import make_authority

    make_authority("place", en="Almaty", ru="Алматы", kk="Алматы", zh="阿拉木图", variants=["Alma-Ata"])
    make_authority(
        "person", en="Korkyt Ata", ru="Коркыт-ата", kk="Қорқыт ата", zh="阔尔克特", variants=["Ata"]
    )
    queries = expand_query("Alma-Ata").queries
    assert "阿拉木图" in queries
    assert not any("阔尔克特" in q for q in queries)

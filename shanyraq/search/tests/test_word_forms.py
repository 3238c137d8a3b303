"""Word forms (decision 022): a query word finds other inflected forms of the same word, in
Kazakh (any script), Russian and English, while the exact form ranks first and names keep theirs.

The pairs are titles of real works (Abai, Auezov, Kazakh folklore and history; Russian classics
and their Russian titles; English titles of books and exhibitions about the steppe) and the form
a reader types. Runs on whichever database the suite uses (SQLite, PostgreSQL).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from shanyraq.search.documents import SearchDocument
from shanyraq.search.normalizer import parse_query, text_keys
from shanyraq.search.selectors import search
from shanyraq.search.services import index_clear, index_documents
from shanyraq.search.stemming import english_plural, kazakh_stems

pytestmark = pytest.mark.django_db

# (title as catalogued, what a reader types)
KAZAKH = [
    ("Қара сөздер", "Қара сөз"),
    ("Абайдың өлеңдері", "Абай өлеңі"),
    ("Қазақ ертегілері", "қазақ ертегісі"),
    ("Батырлар жыры", "батыр жыры"),
    ("Қазақ халқының тарихы", "қазақ халқы тарихы"),
    ("Мұхтар Әуезов шығармалары", "Әуезов шығармасы"),
    ("Домбыраның құрылысы", "домбыра құрылысы"),
    ("Киіз үйдің жасалуы", "киіз үй"),
    ("Қобыздың үні", "қобыз үні"),
    ("Жібек жолындағы қалалар", "Жібек жолы қаласы"),
    ("Ақындар айтысы", "ақын айтыс"),
    ("Абай жолы", "Абай жолын"),
    ("Қазақстанның тарихы", "Қазақстан тарихы"),
    ("Ұлы даланың жеті қыры", "ұлы дала"),
    ("Көшпенділер", "көшпенді"),
    ("Ән мен күй", "әндер мен күйлер"),
    ("Балаларға арналған әңгімелер", "балалар әңгімесі"),
    ("Кітаптарымыздан", "кітап"),
    # Kazakh Latin (2021 and 2018 alphabets) and Arabic script reach the same stems
    ("Qara sözderi", "qara söz"),
    ("Qara sózder", "Қара сөз"),
    ("قارا سوزدەر", "қара сөз"),
]
RUSSIAN = [
    ("Война и мир", "войны и мира"),
    ("Преступление и наказание", "преступления наказания"),
    ("Мёртвые души", "мертвая душа"),
    ("Братья Карамазовы", "брат Карамазовы"),
    ("Герой нашего времени", "героя нашего времени"),
    ("Казахские народные сказки", "казахская народная сказка"),
    ("История Казахстана", "истории Казахстана"),
    ("Русские народные песни", "русская народная песня"),
    ("Стихотворения", "стихотворение"),
    ("Слова назидания", "слово назидания"),
    ("Путь Абая", "пути Абая"),
    ("Музыкальные инструменты казахов", "музыкальный инструмент"),
    ("Древние города Великого шёлкового пути", "древний город шелкового пути"),
    ("Песни степи", "песня степь"),
    ("Казахский язык для начинающих", "казахского языка"),
    ("Записки охотника", "записка охотника"),
]
ENGLISH = [
    ("Words of Edification", "word of edification"),
    ("Kazakh Folk Tales", "kazakh folk tale"),
    ("The Nomads", "nomad"),
    ("Musical Instruments of Kazakhstan", "musical instrument"),
    ("Treasures of the Silk Road", "treasure silk road"),
    ("Songs of the Steppe", "song steppe"),
    ("Ancient Cities of Central Asia", "ancient city central asia"),
    ("Carpets and Felt", "carpet felt"),
    ("Stories for Children", "story for child"),
    ("Legends of the Great Steppe", "legend great steppe"),
    ("Poems of the Golden Horde", "poem golden horde"),
    ("Letters from Beijing", "letter from beijing"),
    ("Kazakh Proverbs and Sayings", "kazakh proverb saying"),
    ("Dombra Lessons", "dombra lesson"),
    ("Costumes and Jewellery of the Steppe", "costume jewellery steppe"),
    ("Paintings of the Steppe", "painting steppe"),
]
PAIRS = [*KAZAKH, *RUSSIAN, *ENGLISH]


@pytest.fixture(scope="module")
def titles(django_db_setup, django_db_blocker):
    docs = [
        SearchDocument("record", f"w{i}", {"": title}, path=f"/w{i}/") for i, (title, _q) in enumerate(PAIRS)
    ]
    with django_db_blocker.unblock():
        index_clear()
        index_documents(docs)
    yield docs
    with django_db_blocker.unblock():
        index_clear()


def _ids(q: str) -> list[str]:
    return [h.object_id for h in search(q, limit=50)]


@pytest.mark.parametrize(("title", "query"), KAZAKH, ids=[q for _t, q in KAZAKH])
def test_kazakh_word_form_finds_the_title(titles, title, query):
    assert f"w{PAIRS.index((title, query))}" in _ids(query)


@pytest.mark.parametrize(("title", "query"), RUSSIAN, ids=[q for _t, q in RUSSIAN])
def test_russian_word_form_finds_the_title(titles, title, query):
    assert f"w{PAIRS.index((title, query))}" in _ids(query)


@pytest.mark.parametrize(("title", "query"), ENGLISH, ids=[q for _t, q in ENGLISH])
def test_english_plural_or_singular_finds_the_title(titles, title, query):
    assert f"w{PAIRS.index((title, query))}" in _ids(query)


@pytest.mark.parametrize(("title", "query"), PAIRS, ids=[q for _t, q in PAIRS])
def test_the_catalogued_form_finds_its_own_title_first(titles, title, query):
    assert _ids(title)[:1] == [f"w{PAIRS.index((title, query))}"]


@pytest.fixture
def two_forms(db):
    index_clear()
    index_documents(
        [
            SearchDocument("record", "plural", {"": "Қара сөздер"}, path="/plural/"),
            SearchDocument("record", "singular", {"": "Қара сөз"}, path="/singular/"),
            SearchDocument("record", "courses", {"en": "Language courses"}, path="/courses/"),
            SearchDocument("record", "course", {"en": "Language course"}, path="/course/"),
        ]
    )


def test_the_exact_form_ranks_above_another_form_of_the_word(two_forms):
    assert _ids("Қара сөз") == ["singular", "plural"]
    assert _ids("Қара сөздер") == ["plural", "singular"]
    assert _ids("language courses") == ["courses", "course"]
    assert _ids("language course") == ["course", "courses"]


def test_a_name_of_a_person_is_not_reduced_to_a_stem(db):
    """«Толстой» is a name: it must not meet «толстая» (fat), as Snowball would make it."""
    index_clear()
    index_documents(
        [
            SearchDocument("record", "tolstoy", {"": "Повести"}, names=["Лев Толстой"], path="/t/"),
            SearchDocument("record", "house", {"": "Дом Толстого"}, path="/h/"),
            SearchDocument("record", "notebooks", {"": "Толстые тетради"}, path="/n/"),
        ]
    )
    assert _ids("толстая") == ["notebooks"]


def test_capitalised_word_inside_a_title_keeps_its_form_but_the_first_word_is_stemmed():
    assert "qtolst" not in text_keys("Дом Толстого", stem=True).stems
    assert "qtolst" in text_keys("Толстые тетради", stem=True).stems
    assert "qtolst" in text_keys("ТОЛСТЫЕ ТЕТРАДИ ТОЛСТОГО", stem=True).stems  # capitals say nothing


def test_stem_keys_never_equal_a_word_key():
    """Stem keys start with q, which no skeleton contains (q → k), so they cannot collide."""
    for title, query in PAIRS:
        keys = text_keys(title, stem=True)
        assert all(s.startswith("q") for s in keys.stems)
        assert not any("q" in m for m in keys.match if m.isascii())
        assert not any("q" in t for r in parse_query(query).readings for g in r.groups for t in g.terms)


@pytest.mark.parametrize(
    ("skeleton", "stems"),
    [
        ("sozderinde", ("soz",)),  # сөз + дер + і + нде
        ("kitaptarimizdan", ("kitap",)),  # кітап + тар + ымыз + дан
        ("abaidin", ("abai",)),  # Абай + дың
        ("kazakstan", ("kazakstan",)),  # -стан is no ablative
        ("balalar", ("bala",)),
        ("kara", ("kara",)),  # қара: no ending
        ("mekteptegi", ("mektep",)),  # мектеп + тегі
    ],
)
def test_kazakh_suffix_chains_are_stripped(skeleton, stems):
    # The first stem is the reading taken; a second one may follow where a doubled letter
    # collapsed in the skeleton (кітап+тар could also be кітапт+тар), see stemming.py.
    assert kazakh_stems(skeleton)[: len(stems)] == stems


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("stories", "story"),
        ("courses", "course"),
        ("treasures", "treasure"),
        ("glass", "glass"),
        ("bus", "bus"),
    ],
)
def test_english_plurals_become_singular(word, singular):
    assert english_plural(word) == singular


@given(st.text(max_size=80))
@hsettings(max_examples=300, deadline=None)
def test_stem_keys_of_any_text_are_marked_words_without_spaces(text):
    for key in text_keys(text, stem=True).stems:
        assert key.startswith("q") and len(key) > 1 and " " not in key


def test_a_final_y_short_i_is_part_of_the_root_not_a_possessive_ending():
    """й and the possessive ы/і are both i in the skeleton: Абай is not Аба + ы, Қытай not Қыта + ы."""
    assert kazakh_stems("abai", True) == ("abai",)
    assert "qkitai" in text_keys("Қытайдың тарихы", stem=True).stems
    assert "qkita" not in text_keys("Қытай", stem=True).stems

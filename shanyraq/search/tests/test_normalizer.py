"""The normalizer: a unit table of spellings that must meet, the published transliteration
tables and samples (shared data), and properties checked with hypothesis."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from shanyraq.core.testdata import TEST_DATA
from shanyraq.search.normalizer import (
    MAX_QUERY_GROUPS,
    keys,
    parse_query,
    phrase,
    segment_pinyin,
    skeleton,
    text_keys,
)

TRANSLIT = TEST_DATA / "transliteration-kazakh-russian"

SAME_KEYS = [
    ["Абай", "Abai", "Abay", "ABAY", "اباي"],
    ["Құнанбайұлы", "Qunanbaiuly", "Kunanbayuly", "Qūnanbaĭūly", "قۇنانبايۇلى"],
    ["Әуезов", "Auezov", "Ăuezov", "Äuezov", "Áýezov", "ٵۋەزوۆ"],
    ["Қазақ", "Qazaq", "Kazak", "قازاق"],
    ["Достоевский", "Dostoevsky", "Dostoevskii", "Dostoyevsky", "Dostoevskij", "Dostoevskiĭ"],
    ["Чехов", "Chekhov", "Tchekhov", "Chehov"],
    ["Пушкин", "Pushkin", "PUSHKIN"],
    ["Толстой", "Tolstoy", "Tolstoi", "Tolstoj"],
    ["Мұхтар", "Mukhtar", "Muhtar", "Mūhtar", "مۇحتار"],
    ["домбыра", "dombyra", "Dombıra", "دومبىرا"],
    ["қобыз", "kobyz", "qobyz", "قوبىز"],
    ["сәукеле", "saukele", "säukele", "sáýkele", "ساۋكەلە"],
    ["Шаңырақ", "Shanyraq", "Şañyraq", "Shańyraq", "Shangyrak", "شاڭىراق"],
    ["Жамбыл", "Zhambyl", "Jambyl", "Jambıl"],
    ["Шоқан", "Shoqan", "Şoqan", "Shokan"],
    ["Ғабит", "Ğabit", "Ghabit", "Gabit", "Ǵabit"],
    ["Елена", "Yelena", "Elena"],
    ["Мария", "Mariya", "Mariia", "Maria"],
    ["Цой", "Tsoi", "Tsoy"],
    ["Жібек жолы", "Jıbek joly", "Zhibek zholy", "جىبەك جولى"],
    ["冬不拉", "冬不拉"],
    ["圖書館", "图书馆"],
    ["三國演義", "三国演义"],
]


@pytest.mark.parametrize("spellings", SAME_KEYS, ids=[s[0] for s in SAME_KEYS])
def test_spellings_of_one_name_share_their_keys(spellings):
    expected = keys(spellings[0])
    assert expected
    assert {s: keys(s) for s in spellings} == dict.fromkeys(spellings, expected)


def test_different_names_keep_different_keys():
    assert keys("Толстой") != keys("Достоевский")
    assert keys("қобыз") != keys("домбыра")
    assert keys("Абай") != keys("Абылай")


def test_chinese_runs_give_unigrams_bigrams_and_pinyin_pairs():
    assert keys("冬不拉") == ["冬", "不", "拉", "冬不", "不拉", "donbu", "donfou", "bula", "foula"]


def test_one_character_gives_its_pinyin_syllable():
    assert keys("金") == ["金", "jin"]


def test_polyphonic_characters_give_both_readings():
    assert {"chonkin", "jonkin"} <= set(keys("重庆"))


def test_traditional_characters_fold_to_simplified():
    assert keys("紅樓夢") == keys("红楼梦")


def test_pinyin_query_without_spaces_reads_as_syllable_pairs():
    readings = parse_query("dongbula").readings
    assert [[g.terms for g in r.groups] for r in readings] == [[("donbula",)], [("donbu",), ("bula",)]]


def test_pinyin_query_with_tones_and_spaces_reads_as_syllable_pairs():
    readings = parse_query("dōng bù lā").readings
    assert [[g.terms for g in r.groups] for r in readings][1] == [("donbu",), ("bula",)]


def test_chinese_query_matches_on_bigrams():
    readings = parse_query("北京大学").readings
    assert [g.terms for g in readings[0].groups] == [("北京",), ("京大",), ("大学",)]


def test_pinyin_segmentation_prefers_fewest_syllables():
    assert segment_pinyin("beijing") == ("bei", "jing")
    assert segment_pinyin("xian") == ("xian",)
    assert segment_pinyin("pushkin") is None


def test_fts_operators_are_plain_separators():
    assert keys('NEAR("a" * b) AND OR NOT ^ : ( ) - +') == ["near", "a", "b", "and", "or", "not"]


def test_query_words_are_capped():
    assert len(parse_query(" ".join(f"w{i}" for i in range(100))).readings[0].groups) == MAX_QUERY_GROUPS


def test_phrase_key_joins_skeletons():
    assert phrase("Абай жолы") == phrase("Abay zholy") == "abai joli"


def test_exact_forms_keep_the_script():
    assert text_keys("Абай Abay").exact == ("абаи", "abay")


# --- published tables and samples (shared data) -------------------------------------------------


def _kazakh_2021() -> dict[str, str]:
    with (TRANSLIT / "kazakh_cyrillic_latin_2021.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    table = {}
    for row in rows:
        table[row["cyrillic_upper"]] = row["latin_upper"]
        table[row["cyrillic_lower"]] = row["latin_lower"]
    return table


def test_2021_latin_sample_sentence_meets_its_cyrillic_original():
    with (TRANSLIT / "kazakh_latin_2021_wikipedia_sample.tsv").open(encoding="utf-8") as f:
        row = next(csv.DictReader(f, delimiter="\t"))
    assert keys(row["latin_2021"]) == keys(row["cyrillic"])


def _ala_lc_samples() -> list[tuple[str, str]]:
    pairs = []
    for name in ("scriptshifter__samples_cyrillic.csv", "scriptshifter__samples_russian.csv"):
        with (TRANSLIT / name).open(encoding="utf-8") as f:
            for row in csv.reader(f):
                if len(row) >= 4 and row[0] in ("kazakh_cyrillic", "russian") and not row[3]:
                    # Drop MARC subfield markers that only one side of one sample carries.
                    pairs.append((re.sub(r"‡[a-z]", " ", row[1]), re.sub(r"‡[a-z]", " ", row[2])))
    return pairs


def test_library_of_congress_romanizations_meet_their_cyrillic_originals():
    samples = _ala_lc_samples()
    assert len(samples) >= 40
    mismatches = [(v, r) for v, r in samples if keys(v) != keys(r)]
    assert mismatches == []


# --- properties ----------------------------------------------------------------------------------

KAZAKH_LETTERS = "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
KAZAKH_WORDS = st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=20)


@given(st.text(max_size=300))
@hsettings(max_examples=300, deadline=None)
def test_normalizer_never_raises(text):
    text_keys(text)
    parse_query(text)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
@hsettings(max_examples=300, deadline=None)
def test_skeleton_is_its_own_skeleton(word):
    skel = skeleton(word)
    assert skeleton(skel) == skel


@given(KAZAKH_WORDS)
@hsettings(max_examples=300, deadline=None)
def test_kazakh_2021_latin_meets_cyrillic(word):
    table = _kazakh_2021()
    latin = "".join(table.get(c, c) for c in word.replace("ё", "е"))
    assert keys(latin) == keys(word)


@given(
    st.lists(
        st.one_of(
            KAZAKH_WORDS,
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
            st.text(alphabet="北京冬不拉金人图书馆哈萨克族文化", min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=6,
    )
)
@hsettings(max_examples=200, deadline=None)
def test_a_record_is_found_by_its_own_text(words):
    text = " ".join(words)
    record = set(keys(text))
    assume(record)
    reading = parse_query(text, prefix_last=False).readings[0]
    assert all(set(g.terms) & record for g in reading.groups)

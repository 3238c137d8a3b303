"""The typo-tolerance vocabulary (SearchWord, and SearchTerm's one-letter deletions) that indexing
keeps: each word once, its deletions once, and on PostgreSQL written without reading the words
through the trigram index (a fresh install's first import took 2-3 s per 900 words that way)."""

from __future__ import annotations

import pytest
from django.db import connection

from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchTerm, SearchWord
from shanyraq.search.normalizer import text_keys
from shanyraq.search.rows import fuzzy_candidates
from shanyraq.search.selectors import search
from shanyraq.search.services import deletions, index_documents

pytestmark = pytest.mark.django_db


def _doc(i: int, text: str) -> SearchDocument:
    return SearchDocument(kind="record", object_id=str(i), titles={"": text}, text="", path=f"/r/{i}/")


def _word(i: int, syllables: str) -> str:
    """A made-up word of four consonant-vowel syllables, spelled from the number (different numbers
    mostly, not always, give different words: the tests count the words indexing makes)."""
    consonants, word = "bdgklmnprst", ""
    for _ in range(4):
        i, c = divmod(i, len(consonants))
        i, v = divmod(i, len(syllables))
        word += consonants[c] + syllables[v]
    return word


def _vocabulary(texts: list[str]) -> set[str]:
    """The words indexing these texts adds, as the index normalizes them."""
    return set().union(*(fuzzy_candidates(text_keys(t).match) for t in texts))


def test_a_word_indexed_twice_is_in_the_vocabulary_once_with_its_deletions_once():
    first, second = ["Dombyra tutorial"], ["Dombyra concert", "Dombyra tutorial again"]
    index_documents([_doc(1, first[0])])
    index_documents([_doc(2, second[0]), _doc(3, second[1])])

    words = _vocabulary(first + second)
    assert len(words) == 4
    assert sorted(SearchWord.objects.values_list("term", flat=True)) == sorted(words)
    for word in words:
        held = list(SearchTerm.objects.filter(term=word).values_list("variant", flat=True))
        assert sorted(held) == sorted(deletions(word)), word
    # A typo in the word added by the second call still finds its documents.
    assert {h.object_id for h in search("concrt")} == {"2"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_indexing_into_a_vocabulary_analyzed_while_small_never_scans_the_trigram_index():
    """As in a fresh install's first import: the vocabulary was analyzed while it held a few words,
    then batches of thousands of words arrive, each meeting the words of the ones before."""
    index_documents([_doc(i, _word(i, "aeiou")) for i in range(50)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchword")
    batches = [
        [" ".join(_word(i, vowels) for vowels in ("aeiou", "ou", "ia", "ei")) for i in range(1000)],
        [" ".join(_word(i, vowels) for vowels in ("aeiou", "ou", "ae", "uo")) for i in range(1000)],
        [" ".join(_word(i, vowels) for vowels in ("aeiou", "ia", "ae", "iu")) for i in range(1000)],
    ]
    for b, texts in enumerate(batches):
        index_documents([_doc(1000 * (b + 1) + i, text) for i, text in enumerate(texts)])

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_xact_numscans('search_word_trgm'::regclass)")
        assert cursor.fetchone()[0] == 0
    words = _vocabulary([_word(i, "aeiou") for i in range(50)] + [t for texts in batches for t in texts])
    assert len(words) > 5000
    assert sorted(SearchWord.objects.values_list("term", flat=True)) == sorted(words)

"""Indexing and ranked search behaviours, on the database the suite runs on."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry
from shanyraq.search.selectors import KINDS, search, search_ids
from shanyraq.search.services import index_documents, index_remove

pytestmark = pytest.mark.django_db


def ids(q, **kwargs):
    return [f"{h.kind}:{h.object_id}" for h in search(q, **kwargs)]


def test_two_character_chinese_word_matches(corpus):
    assert "record:beijing-history" in ids("北京")


def test_two_character_word_does_not_match_its_characters_apart(corpus):
    assert "record:north-music" not in ids("北京")


def test_traditional_query_finds_simplified_record(corpus):
    assert ids("紅樓夢")[:1] == ["record:hongloumeng"]


def test_simplified_query_finds_traditional_record(corpus):
    assert ids("三国演义")[:1] == ["record:sanguo"]


def test_pinyin_with_tones_and_without_spaces_finds_characters(corpus):
    assert "artifact:dombra" in ids("dōngbùlā")


def test_one_typo_in_a_long_word_is_tolerated(corpus):
    assert "record:crime" in ids("Dostoevksy")


def test_one_typo_in_a_short_word_is_not_tolerated(corpus):
    assert ids("Idit") == []


def test_exact_title_ranks_before_records_that_mention_it(corpus):
    # The draft's title starts with the same words; the exact title still comes first.
    assert ids("Абай жолы", public_only=False) == ["record:abai-joly", "record:draft-record"]


def test_title_match_ranks_before_body_match(corpus):
    found = ids("dombra")
    assert found[0] == "artifact:dombra"
    assert found.index("record:steppe-en") > found.index("program:dombra-kids")


def test_unpublished_documents_are_never_returned_publicly(corpus):
    assert "artifact:golden-man-copy" not in ids("Алтын адам көшірмесі")
    assert "record:draft-record" not in ids("қолжазба")


def test_staff_search_includes_unpublished_documents(corpus):
    assert ids("Алтын адам көшірмесі", public_only=False)[0] == "artifact:golden-man-copy"


def test_kind_filter_keeps_only_that_kind(corpus):
    assert {h.kind for h in search("dombra", kind="program")} == {"program"}


def test_unknown_kind_finds_nothing(corpus):
    assert search("dombra", kind="nonsense") == []


def test_hit_carries_title_in_the_visitor_language_and_path(corpus):
    hit = search("Golden Man", lang="kk")[0]
    assert (hit.title, hit.title_lang, hit.path) == ("Алтын адам", "kk", "/artifacts/golden-man/")


def test_hit_falls_back_to_another_language_and_says_which(corpus):
    hit = search("Қара сөздер", lang="ru")[0]
    assert (hit.title, hit.title_lang) == ("Қара сөздер", "ru")
    hit = search("Golden Man", lang="xx")[0]
    assert (hit.title, hit.title_lang) == ("Golden Man", "en")


def test_order_is_deterministic_score_then_kind_then_id(corpus):
    hits = search("dombra", limit=50)
    assert hits == sorted(hits, key=lambda h: (-h.score, h.kind, h.object_id))


def test_search_ids_returns_ranked_ids_of_one_kind(corpus):
    # Both name the author; the shorter title ranks first.
    assert search_ids("Достоевский", kind="record") == ["idiot", "crime"]


def test_limit_caps_the_number_of_hits(corpus):
    assert len(search("a", limit=2)) <= 2
    assert len(search("dombra", limit=1)) == 1


def test_indexing_again_replaces_the_entry():
    doc = SearchDocument("page", "p1", {"en": "Opening hours"}, path="/p1/")
    index_documents([doc])
    index_documents([SearchDocument("page", "p1", {"en": "Closing hours"}, path="/p1/")])
    assert SearchEntry.objects.filter(kind="page", object_id="p1").count() == 1
    assert ids("opening") == []
    assert ids("closing") == ["page:p1"]


def test_index_remove_drops_entries():
    index_documents(
        [
            SearchDocument("page", "p1", {"en": "Opening hours"}),
            SearchDocument("page", "p2", {"en": "Opening day"}),
        ]
    )
    index_remove("page", ["p1"])
    assert ids("opening") == ["page:p2"]


def test_index_documents_counts_and_indexes_in_bulk():
    docs = [SearchDocument("record", str(i), {"": f"Kitap {i} Қазақ әдебиеті"}) for i in range(3000)]
    assert index_documents(docs) == 3000
    assert len(search_ids("Kazak adebieti", kind="record", limit=5000)) == 3000


def test_large_loads_are_normalized_in_a_helper_process():
    from shanyraq.search.services import PARALLEL_FROM, helper_pids

    docs = [SearchDocument("record", str(i), {"": f"Кітап {i}"}) for i in range(PARALLEL_FROM)]
    index_documents(docs)
    assert len(helper_pids()) == 1
    assert search_ids("kitap", kind="record", limit=5000) != []


def test_failed_batch_leaves_nothing_written():
    class Broken(Exception):
        pass

    def docs():
        yield SearchDocument("page", "ok", {"en": "Written first"})
        raise Broken

    with pytest.raises(Broken):
        index_documents(docs())
    assert not SearchEntry.objects.filter(object_id="ok").exists()


def test_reindex_command_rebuilds_from_sources():
    index_documents([SearchDocument("page", "stale", {"en": "Stale entry"})])
    call_command("reindex", stdout=io.StringIO())
    assert ids("stale") == []


FTS_NOISE = st.sampled_from(
    [
        '"',
        "*",
        "^",
        ":",
        "(",
        ")",
        "-",
        "+",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "\x00",
        "'",
        "\\",
        "{",
        "}",
        "&",
        "|",
        "!",
        "<->",
        "title_keys:",
        "zzpublic",
    ]
)


@given(st.lists(st.one_of(st.text(max_size=20), FTS_NOISE), max_size=12).map(" ".join))
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_raises(corpus, q):
    for kind in (None, *KINDS):
        assert isinstance(search(q, kind=kind), list)


def test_huge_query_is_capped_and_answers(corpus):
    assert isinstance(search("Абай " * 3000), list)
    assert search("x" * 10_000) == []


def test_backend_matches_the_database_vendor():
    from shanyraq.search.backends import backend_name

    assert backend_name() == ("postgresql" if connection.vendor == "postgresql" else "sqlite")


def test_exact_title_is_found_first_even_when_its_word_is_very_common():
    from shanyraq.search.backends import RANK_MAX

    exact = SearchDocument("artifact", "exact", {"en": "Kylqobyz"})
    common = [
        SearchDocument("program", str(i), {"en": f"Kylqobyz lesson {i}"}) for i in range(RANK_MAX + 100)
    ]
    index_documents([exact, *common])
    assert ids("kylqobyz", limit=5)[0] == "artifact:exact"


@pytest.mark.django_db(transaction=True)
def test_concurrent_indexing_of_one_document_keeps_one_entry():
    import threading

    from django.db import connections

    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def index(n: int) -> None:
        try:
            barrier.wait()
            for i in range(15):
                index_documents([SearchDocument("page", "same", {"en": f"Version {n} {i}"}, path="/same/")])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=index, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert SearchEntry.objects.filter(kind="page", object_id="same").count() == 1
    assert len(search("version", limit=50)) == 1


def test_settings_can_choose_the_backend(settings):
    from shanyraq.search.backends import backend_name

    settings.SHANYRAQ = {"SEARCH_BACKEND": "postgresql"}
    assert backend_name() == "postgresql"


def test_kazakh_visitor_gets_the_russian_title_before_the_english_one():
    index_documents([SearchDocument("page", "p", {"en": "Hall of Music", "ru": "Зал музыки"}, path="/p/")])
    hit = search("Hall of Music", lang="kk")[0]
    assert (hit.title, hit.title_lang) == ("Зал музыки", "ru")

"""Candidate selection: the backends' newest-first lists and what the PostgreSQL backend does to
make them cheap (windows of ids, readings another one implies, prefixes spelled out as lexemes)
must select exactly the entries a plain statement would. Runs on the suite's database."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper

from shanyraq.search.backends import get_backend, postgres
from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry
from shanyraq.search.normalizer import skeleton
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend only")


def _docs(n: int) -> list[SearchDocument]:
    # Every entry has "kylqobyz"; every 7th also "zhetigen"; every 50th also "zhetigenovich".
    docs = []
    for i in range(n):
        words = ["kylqobyz lesson"]
        if i % 7 == 0:
            words.append("zhetigen")
        if i % 50 == 0:
            words.append("zhetigenovich")
        docs.append(SearchDocument("program", str(i), {"en": f"{' '.join(words)} {i}"}))
    return docs


def _plain_newest(word: str, cap: int) -> list[int]:
    """What `ORDER BY id DESC LIMIT cap` gives, computed from the stored keys."""
    rows = SearchEntry.objects.order_by("-id").values_list("id", "title_keys")
    return [pk for pk, keys in rows if skeleton(word) in keys.split()][:cap]


@pytest.fixture
def small_windows(monkeypatch):
    """Windows of a few ids, so a few hundred entries take every path of postgres.newest."""
    monkeypatch.setattr(postgres, "FIRST_WINDOW", 8)
    monkeypatch.setattr(postgres, "SCAN_MAX", 40)


@pytest.mark.parametrize("word", ["kylqobyz", "zhetigen", "zhetigenovich", "absentword"])
@pytest.mark.parametrize("cap", [1, 5, 30, 120])
@pytest.mark.parametrize("id_per_match", [0, 10**9])  # GIN windows: id range filtered, or ANDed in
def test_newest_is_the_newest_matches_in_order(small_windows, monkeypatch, word, cap, id_per_match):
    monkeypatch.setattr(postgres, "ID_PER_MATCH", id_per_match)
    index_documents(_docs(400))
    backend = get_backend()
    expr = backend.expression([[([skeleton(word)], "")]], [])
    assert backend.newest(expr, cap) == _plain_newest(word, cap)


@on_postgres
def test_gin_windows_and_the_id_range_into_the_bitmap_only_when_asked():
    """`_gin_sql(and_range=True)` leaves the id range indexable, so the planner may AND it into
    the GIN bitmap; without it the range is `id + 0`, which no index answers."""
    index_documents(_docs(50))
    where, params = postgres._where(postgres.expression([[([skeleton("zhetigen")], "")]], []))
    with connection.cursor() as cursor:
        for and_range in (True, False):
            cursor.execute("EXPLAIN " + postgres._gin_sql(where, and_range), [0, 10**6, *params, 5])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert ("(id + 0)" in plan) is not and_range


@on_postgres
def test_gin_windows_with_the_id_range_hide_the_tsquery_from_the_planner():
    """With `unseen`, the planner estimates a reading's matches at its default share whatever
    its words (it multiplies the shares of words that occur together, which underestimates the
    matches and keeps it from ANDing the id range into the bitmap); without, from statistics."""
    index_documents(_docs(300))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")

    def estimate(word: str, unseen: bool) -> float:
        where, params = postgres._where(postgres.expression([[([skeleton(word)], "")]], []), unseen=unseen)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT id FROM search_searchentry WHERE {where}", params)
            return cursor.fetchone()[0][0]["Plan"]["Plan Rows"]

    assert estimate("kylqobyz", False) > 10 * estimate("absentword", False)  # all 300, none
    assert estimate("kylqobyz", True) == estimate("absentword", True)


@on_postgres
@pytest.mark.parametrize("client_side", [True, False])
@pytest.mark.parametrize(
    "in_transaction", [True, pytest.param(False, marks=pytest.mark.django_db(transaction=True))]
)
def test_gin_statements_run_with_the_switches_then_put_them_back(client_side, in_transaction):
    """`_switched` sets the switches for its statement only and restores what was there before
    (here enable_seqscan already off for the session), in one round trip with Django's
    client-side binding, one by one with server-side binding."""
    import psycopg

    names = "current_setting('enable_bitmapscan'), current_setting('enable_indexscan'), current_setting('enable_seqscan')"
    with connection.cursor() as django_cursor:
        django_cursor.execute("SET enable_seqscan = off")
        try:
            raw = django_cursor.cursor if client_side else psycopg.Cursor(connection.connection)
            cursor = CursorWrapper(raw, connection)
            assert connection.in_atomic_block is in_transaction
            with transaction.atomic() if in_transaction else nullcontext():
                rows = postgres._switched(cursor, f"SELECT {names}, %s::int", [7])
                assert rows == [("on", "off", "off", 7)]
                cursor.execute(f"SELECT {names}")
                assert cursor.fetchone() == ("on", "on", "off")
        finally:
            django_cursor.execute("RESET enable_seqscan")


@on_postgres
def test_a_failed_gin_statement_leaves_no_switch_behind():
    with transaction.atomic():
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            postgres._switched(cursor, "SELECT 1 / %s", [0])
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')")
            assert cursor.fetchone() == ("on", "on")


def test_search_finds_the_same_with_small_windows(small_windows):
    index_documents(_docs(400))
    wide = [(h.object_id, h.score) for h in search("zhetigen lesson", limit=50)]
    assert len(wide) == 50
    assert all(int(object_id) % 7 == 0 for object_id, _score in wide)


def test_a_prefix_finds_every_word_it_begins():
    index_documents(_docs(120))
    found = {h.object_id for h in search("zhetig", limit=200)}
    assert found == {str(i) for i in range(120) if i % 7 == 0 or i % 50 == 0}


@on_postgres
def test_a_prefix_is_spelled_out_as_the_lexemes_it_matches():
    index_documents(_docs(60))
    prefix = skeleton("zhetig")
    lexemes = sorted({skeleton("zhetigen"), skeleton("zhetigenovich")})
    expr = postgres.expression([[([prefix], prefix)]], [])
    whole, each = expr.whole, expr.each
    assert f"'{prefix}':*" in whole  # what ts_rank scores is unchanged
    assert each == ["((" + " | ".join(f"'{t}'" for t in [prefix, *lexemes]) + "))"]


@on_postgres
def test_lexemes_of_entries_indexed_later_are_found():
    index_documents(_docs(10))
    index_documents([SearchDocument("page", "p", {"en": "Zhetigenfest"}, path="/p/")])
    prefix = skeleton("zhetig")
    assert skeleton("zhetigenfest") in postgres._lexemes([prefix])[prefix]
    assert "page:p" in {f"{h.kind}:{h.object_id}" for h in search("zhetig", limit=50)}


@on_postgres
def test_a_prefix_of_many_lexemes_stays_a_prefix(monkeypatch):
    monkeypatch.setattr(postgres, "PREFIX_TERMS", 1)
    index_documents(_docs(60))
    prefix = skeleton("zhetig")
    each = postgres.expression([[([prefix], prefix)]], []).each
    assert each == [f"(('{prefix}' | '{prefix}':*))"]


def test_readings_another_one_implies_are_dropped():
    short = [(["abai"], "")]
    fuller = [(["abai"], ""), (["kunanbaev"], "")]
    not_implied = [(["abai", "qabai"], ""), (["kunanbaev"], "")]  # may match by "qabai" alone
    other = [(["ebai"], "")]
    assert postgres._needed([fuller, short, other, short, not_implied]) == [short, other, not_implied]
    # "abai" implies "ebai or abai": only the wider reading is needed.
    assert postgres._needed([short, [(["ebai", "abai"], "")]]) == [[(["ebai", "abai"], "")]]
    # A prefix covers the terms that begin with it, and a longer prefix.
    assert postgres._needed([[(["abai"], "abai")], [(["abaia"], "abaia")]]) == [[(["abai"], "abai")]]
    # Two words are not implied by one of them being a prefix of something else.
    assert postgres._needed([[(["abai"], "")], [(["abaia"], "")]]) == [[(["abai"], "")], [(["abaia"], "")]]


@on_postgres
def test_planner_switches_are_put_back_after_a_search(small_windows):
    index_documents(_docs(200))
    with transaction.atomic(), connection.cursor() as cursor:
        assert search("zhetigen", limit=20)
        cursor.execute(
            "SELECT current_setting('enable_bitmapscan'), current_setting('enable_indexscan'),"
            " current_setting('enable_seqscan'), current_setting('random_page_cost')"
        )
        assert cursor.fetchone() == ("on", "on", "on", "4")


@on_postgres
def test_forgotten_texts_leave_no_lexeme_no_entry_still_has():
    from shanyraq.search.services import index_forget, index_remove

    index_documents(
        [
            SearchDocument("page", "gone", {"en": "Zhetigenfest Kylqobyzshy"}, path="/gone/"),
            SearchDocument("page", "kept", {"en": "Kylqobyzshy"}, path="/kept/"),
        ]
    )
    index_remove("page", ["gone"])
    index_forget(["Zhetigenfest Kylqobyzshy"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM search_lexeme")
        lexemes = {row[0] for row in cursor.fetchall()}
    assert skeleton("zhetigenfest") not in lexemes
    assert skeleton("kylqobyzshy") in lexemes


@on_postgres
@pytest.mark.parametrize("id_per_match", [0, 10**9])
def test_published_only_is_the_public_column_not_a_not_in_the_tsquery(
    small_windows, monkeypatch, id_per_match
):
    from shanyraq.search.rows import PRIVATE_MARK

    monkeypatch.setattr(postgres, "ID_PER_MATCH", id_per_match)
    index_documents([replace(doc, public=i % 3 != 0) for i, doc in enumerate(_docs(300))])
    expr = postgres.expression([[([skeleton("zhetigen")], "")]], ["!" + PRIVATE_MARK])
    assert expr.public and not any(PRIVATE_MARK in e for e in expr.each)
    assert PRIVATE_MARK in expr.whole  # what ts_rank scores is unchanged
    published = [
        pk
        for pk, keys, public in SearchEntry.objects.order_by("-id").values_list("id", "title_keys", "public")
        if skeleton("zhetigen") in keys.split() and public
    ]
    assert postgres.newest(expr, 30) == published[:30]
    assert set(postgres.ranked(expr, 200)) == set(published)
    assert postgres.count(expr, 1000) == len(published)

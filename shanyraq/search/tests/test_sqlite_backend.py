"""SQLite backend: a required kind marker is applied as a column filter, not a MATCH term."""

from shanyraq.search.backends import sqlite
from shanyraq.search.rows import PRIVATE_MARK, kind_mark


def test_a_kind_marker_becomes_a_kind_filter():
    match, kind = sqlite.expression([[(["abai"], "")]], [kind_mark("record"), "!" + PRIVATE_MARK])
    assert kind == "record"
    assert kind_mark("record") not in match
    assert match == '(((("abai")))) NOT "zzprivate"'


def test_without_a_kind_the_expression_is_unchanged():
    match, kind = sqlite.expression([[(["abai"], "abai")]], ["!" + PRIVATE_MARK])
    assert kind is None
    assert match == '(((("abai" OR "abai"*)))) NOT "zzprivate"'


def test_a_marker_that_is_no_kind_stays_in_the_match():
    match, kind = sqlite.expression([[(["abai"], "")]], ["zzpabc"])
    assert kind is None
    assert match == '(((("abai"))) AND "zzpabc")'

"""The committed table of cross-script query -> record pairs, run on whichever database the
suite runs on (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shanyraq.search.selectors import search

TABLE = Path(__file__).with_name("cross_script_pairs.tsv")


def _pairs():
    with TABLE.open(encoding="utf-8") as f:
        return [
            pytest.param(
                r["query"], r["expect"], r["target"], id=f"{r['expect']}:{r['query']}->{r['target']}"
            )
            for r in csv.DictReader(f, delimiter="\t")
        ]


def test_the_table_covers_enough_pairs():
    with TABLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len([r for r in rows if r["expect"] != "absent"]) >= 80
    assert len([r for r in rows if r["expect"] == "absent"]) >= 10


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expect", "target"), _pairs())
def test_cross_script_pair(corpus, query, expect, target):
    found = [f"{h.kind}:{h.object_id}" for h in search(query, limit=10)]
    if expect == "top1":
        assert found[:1] == [target]
    elif expect == "found":
        assert target in found
    else:
        assert target not in found

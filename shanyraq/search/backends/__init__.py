"""Index backends: one interface, chosen by the database vendor.

A backend only finds candidates: `candidates(readings, meta, cap)` returns at most `cap` entry
ids whose keys match the boolean query, best-first by the database's own ranking (bm25 with
column weights on SQLite FTS5, ts_rank with weights on PostgreSQL). The final order is computed
in Python from the stored keys (selectors.py), so both backends give the same answers whenever
the matches fit under the cap.

A query is a list of readings (OR); a reading is a list of groups (AND); a group is a list of
terms (OR) plus an optional prefix.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

# Probe size: when more entries than this match, ranking looks at title matches only, and when
# even those are too many it takes the newest matches (rowid order) instead of ranking them all.
PROBE = 5000


def backend_name() -> str:
    override = (getattr(settings, "SHANYRAQ", None) or {}).get("SEARCH_BACKEND")
    if override:
        return override
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def get_backend():
    if backend_name() == "postgresql":
        from shanyraq.search.backends import postgres

        return postgres
    from shanyraq.search.backends import sqlite

    return sqlite

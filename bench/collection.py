"""Collection benchmark: the faceted collection page at 100,000 artifacts, and the Walters import.

Method: a separate SQLite database under var/bench/ (the demo DB is untouched) is migrated and
filled with bulk_create: 100,000 published artifacts spread over 10 categories, 10 periods,
24 materials (1-3 each) and 4 spaces (a movement per artifact: 3 public halls and storage).
The page is requested with Django's test Client (full middleware, templates, i18n) for a set of
facet combinations; each combination is warmed once and then timed 20 times. The import is the
real `walters_import` (validation, bulk write, bulk index) of the 2,389 CC0 records, first as
new rows and then as a re-import that updates by accession number.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench.db import fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_COLLECTION_N", "100000"))
TARGET_P95_MS = 100
TARGET_IMPORT_RPS = 500


def _setup_db() -> Path:
    return fresh_sqlite(ROOT / "var" / "bench" / "collection.sqlite3")


def _fill(n: int) -> None:
    """Insert n artifacts with SQL generated from one template row (bulk_create of 100k
    modeltranslation objects takes minutes; the rows are the same either way)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from shanyraq.collection.models import Artifact
    from shanyraq.collection.vocabularies import vocabularies_load
    from shanyraq.spaces.models import Space

    vocabularies_load()
    halls = [
        Space.objects.create(slug=f"hall-{i}", kind=Space.Kind.HALL, name_en=f"Hall {i}", order=i)
        for i in (1, 2, 3)
    ]
    storage = Space.objects.create(
        slug="storage", kind=Space.Kind.STORAGE, name_en="Storage", is_public=False
    )
    template = Artifact.objects.create(accession_number="TEMPLATE", title_en="template", published=False)
    h = "((s.i * 2654435761) %% 1000003)"
    override = {
        "accession_number": "'B.' || printf('%%06d', s.i)",
        "title_en": "'Artifact ' || s.i",
        "title_kk": "'Жәдігер ' || s.i",
        "title_ru": "'Предмет ' || s.i",
        "title_zh_hans": "'文物 ' || s.i",
        "title": "'Artifact ' || s.i",
        "category_id": "c.id",
        "period_id": "p.id",
        "earliest_year": f"p.e + ({h} %% (p.l - p.e + 1))",
        "latest_year": f"p.e + ({h} %% (p.l - p.e + 1)) + ({h} %% 50)",
        "status": f"CASE WHEN ({h} %% 100) < 30 THEN 'on_view' ELSE 'in_storage' END",
        "published": "CASE WHEN (s.i %% 20) = 7 THEN 0 ELSE 1 END",
    }
    now = timezone.now().isoformat(sep=" ")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(collection_artifact)")
        columns = [row[1] for row in cursor.fetchall() if row[1] != "id"]
        exprs = [override.get(col, f"t.{col}") for col in columns]
        cursor.execute(
            f"""WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {n - 1}),
            p AS (SELECT id, earliest_year AS e, MIN(latest_year, 2020) AS l,
                         ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM collection_term WHERE vocabulary = 'period'),
            c AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM collection_term WHERE vocabulary = 'category')
            INSERT INTO collection_artifact ({", ".join(columns)})
            SELECT {", ".join(exprs)} FROM s
            JOIN p ON p.k = (s.i * 7 + s.i / 13) %% 10
            JOIN c ON c.k = (s.i * 3 + s.i / 7) %% 10
            JOIN collection_artifact t ON t.id = {template.pk}""",
            [],
        )
        cursor.execute("DELETE FROM collection_artifact WHERE id = %s", [template.pk])
        cursor.execute(
            "INSERT INTO collection_movement (artifact_id, space_id, location_detail, moved_at, moved_by_id, reason, note) "
            "SELECT a.id, CASE WHEN a.status = 'on_view' THEN "
            f"(CASE a.id %% 3 WHEN 0 THEN {halls[0].pk} WHEN 1 THEN {halls[1].pk} ELSE {halls[2].pk} END) "
            f"ELSE {storage.pk} END, '', %s, NULL, 'installation', '' FROM collection_artifact a",
            [now],
        )
        cursor.execute(
            "UPDATE collection_artifact SET "
            "current_movement_id = (SELECT m.id FROM collection_movement m WHERE m.artifact_id = collection_artifact.id), "
            "current_space_id = (SELECT m.space_id FROM collection_movement m WHERE m.artifact_id = collection_artifact.id)",
            [],
        )
        cursor.execute(
            """WITH m AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM collection_term WHERE vocabulary = 'material')
            INSERT INTO collection_artifact_materials (artifact_id, term_id)
            SELECT a.id, m.id FROM collection_artifact a JOIN m ON m.k = a.id %% 24
            UNION
            SELECT a.id, m.id FROM collection_artifact a JOIN m ON m.k = (a.id * 7 + 3) %% 24 WHERE a.id %% 3 != 0""",
            [],
        )
        cursor.execute("ANALYZE")
    from shanyraq.collection.services.facets import facets_rebuild

    facets_rebuild()  # rows written with raw SQL: count their facet cells once, as a loader must


SCENARIOS = [
    ("no filter", "/en/collection/"),
    ("category", "/en/collection/?category=archaeology"),
    ("period + material", "/en/collection/?period=saka&material=bronze"),
    ("on view now", "/en/collection/?on_view=1"),
    ("hall + category", "/en/collection/?hall=hall-2&category=weapons"),
    ("sort by date, page 40", "/en/collection/?sort=date&page=40"),
    ("two materials, newest first", "/en/collection/?material=gold&material=silver&sort=-date"),
]


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _time_pages() -> tuple[list[str], dict[str, list[float]], list[float]]:
    """Cold: right before each request a curator moves a random artifact to another hall with the
    real service (the facet cells change version, so the page reads them again; the search-query
    facet cache is cleared too). Warm: nothing changed since the previous request.
    Wall time and this process's CPU time are both kept: the client, Django and SQLite all run in
    this one thread, so CPU time is what the request costs without other processes' contention."""
    import gc
    import random

    from django.core.cache import cache
    from django.test import Client

    from shanyraq.collection.models import Artifact
    from shanyraq.collection.services.procedures import artifact_move
    from shanyraq.spaces.models import Space

    rng = random.Random(7)
    halls = list(Space.objects.filter(kind=Space.Kind.HALL))
    ids = list(Artifact.objects.filter(published=True).values_list("pk", flat=True))
    client = Client()
    rows = []
    writes: list[float] = []
    totals: dict[str, list[float]] = {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": []}
    for _, url in SCENARIOS:
        assert client.get(url).status_code == 200
    # As shanyraq/wsgi.py does in a served process once the application is loaded.
    gc.freeze()
    for name, url in SCENARIOS:
        runs: dict[str, list[float]] = {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": []}
        for kind, repeat in (("cold", 10), ("warm", 20)):
            for _ in range(repeat):
                if kind == "cold":
                    t0 = time.perf_counter()
                    artifact = Artifact.objects.get(pk=rng.choice(ids))
                    artifact_move(
                        actor=None, artifact=artifact, space=rng.choice(halls), reason="installation"
                    )
                    writes.append((time.perf_counter() - t0) * 1000)
                    cache.clear()
                t0, c0 = time.perf_counter(), time.process_time()
                assert client.get(url).status_code == 200
                runs[kind].append((time.perf_counter() - t0) * 1000)
                runs[f"{kind}_cpu"].append((time.process_time() - c0) * 1000)
        for key, values in runs.items():
            totals[key].extend(values)
        rows.append(
            f"| {name} | `{url}` | {_pct(runs['cold'], 0.95):.1f} | {_pct(runs['cold_cpu'], 0.95):.1f} "
            f"| {_pct(runs['warm'], 0.95):.1f} | {_pct(runs['warm_cpu'], 0.95):.1f} |"
        )
    return rows, totals, writes


def _walters() -> tuple[float, float, int]:
    from shanyraq.collection.management.commands.import_walters import default_path
    from shanyraq.collection.services.walters import walters_import

    path = default_path()
    t0 = time.perf_counter()
    report = walters_import(actor=None, path=path)
    first = time.perf_counter() - t0
    assert report.ok and report.created == report.rows, report.errors[:3]
    t0 = time.perf_counter()
    report = walters_import(actor=None, path=path)
    second = time.perf_counter() - t0
    assert report.ok and report.updated == report.rows
    return report.rows / first, report.rows / second, report.rows


def run() -> str:
    _setup_db()
    t0 = time.perf_counter()
    _fill(N)
    fill_s = time.perf_counter() - t0
    load_before = os.getloadavg()[0]
    rows, totals, writes = _time_pages()
    cold, warm, cold_cpu, warm_cpu = totals["cold"], totals["warm"], totals["cold_cpu"], totals["warm_cpu"]
    from shanyraq.collection.models import FacetCell

    cells = FacetCell.objects.filter(count__gt=0).count()
    load_after = os.getloadavg()[0]
    create_rps, update_rps, walters_rows = _walters()
    warm_p95, cold_p95 = _pct(warm, 0.95), _pct(cold, 0.95)
    verdict = "meets" if warm_p95 <= TARGET_P95_MS else "misses"
    cold_verdict = "meets" if cold_p95 <= TARGET_P95_MS else "misses"
    import_verdict = "meets" if min(create_rps, update_rps) >= TARGET_IMPORT_RPS else "misses"
    return "\n".join(
        [
            "## Collection",
            "",
            f"Online collection page with facets at {N:,} artifacts on SQLite, p95 target <= {TARGET_P95_MS} ms:",
            f"- nothing written since the previous request: **p50 {statistics.median(warm):.1f} ms, "
            f"p95 {warm_p95:.1f} ms** wall, **p95 {_pct(warm_cpu, 0.95):.1f} ms CPU** over {len(warm)} requests: "
            f"**{verdict}** on wall time, **{'meets' if _pct(warm_cpu, 0.95) <= TARGET_P95_MS else 'misses'}** on CPU time;",
            f"- right after a curator's write (a real `artifact_move` before every request): **p50 {statistics.median(cold):.1f} ms, "
            f"p95 {cold_p95:.1f} ms** wall, **p95 {_pct(cold_cpu, 0.95):.1f} ms CPU** over {len(cold)} requests: "
            f"**{cold_verdict}** on wall time, **{'meets' if _pct(cold_cpu, 0.95) <= TARGET_P95_MS else 'misses'}** on CPU time.",
            f"- the write itself (`artifact_move` incl. moving its facet count and re-indexing): "
            f"p50 {statistics.median(writes):.1f} ms, p95 {_pct(writes, 0.95):.1f} ms; {cells:,} facet cells "
            f"summarize the {N:,} artifacts.",
            "",
            f"Walters CC0 import ({walters_rows:,} records, validation + bulk write + bulk search indexing): "
            f"**{create_rps:,.0f} rows/s** new, **{update_rps:,.0f} rows/s** re-import; "
            f"target >= {TARGET_IMPORT_RPS} rows/s: **{import_verdict}**.",
            "",
            "| scenario | URL | after a write p95 ms wall | after a write p95 ms CPU | unchanged p95 ms wall "
            "| unchanged p95 ms CPU |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            "Method: `make bench BENCH_ARGS=collection` (bench/collection.py). A fresh SQLite database at "
            "var/bench/collection.sqlite3 (WAL, IMMEDIATE) is filled "
            f"in {fill_s:.0f} s (SQL generated from one template row): {N:,} artifacts (95 % published, 30 % in one "
            "of 3 public halls by their latest movement), 10 categories, 10 periods, 1-2 of 24 materials each. "
            "Each URL is requested once (then the process's startup objects are frozen out of the cyclic "
            "garbage collector with gc.freeze(), as shanyraq/wsgi.py does in a served process; without it a "
            "full collection walks ~150k Django objects, a 50-100 ms pause every few dozen requests), then "
            "10 times each right after a real write (a curator moves a random "
            "artifact to a hall with the service) and 20 times with nothing changed, with Django's test Client "
            "(all middleware, templates and translations). The facet counts come from precomputed facet cells "
            "(category, period, on view, hall, material set -> count; decision 004): every service write moves "
            "the artifact's count from its old cell to its new one right after it commits and changes the "
            "cells' version; a page reads the version (one row), re-reads the cells only when it changed, and "
            "sums them in Python for any combination of filters, then runs the page query. Before this "
            "design the page ran five GROUP BY counts per request after a write: p95 247 ms. The search-box "
            "path (counts in SQL over the matching artifacts) is not part of this figure (its cost is the "
            "search index's). The machine (2 cores) is shared by five developers' test runs: the 1-minute load "
            f"average was {load_before:.1f} before and {load_after:.1f} after the page timings, so the figures are "
            "inflated by CPU contention; rerun on an idle machine for comparable numbers.",
        ]
    )

"""OAI-PMH benchmark: a full ListRecords harvest of 100,000 library records on SQLite.

A fresh SQLite database under var/bench/oai/ is migrated and filled with N records made by the
OPAC benchmark's generator (`bench.opac.generate`: four languages, 1-2 contributors, 1-3 subject
headings, 1 % withdrawn, which the provider reports as deleted). The harvest follows resumption
tokens page by page through Django's test Client (all middleware), reading each streamed answer
piece by piece with an lxml pull parser, as a harvester would; nothing is kept but counts. It runs
for `marc21` (MARCXML built by the MARC exporter) and for `oai_dc`, at the default page size and
at ten times that. Memory is this process's resident set size (client, Django and SQLite share it),
sampled after every page: flat means the last sample is not above the one taken a tenth of the way.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.db import fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("BENCH_OAI_DIR", ROOT / "var" / "bench" / "oai"))
N = int(os.environ.get("BENCH_OAI_N", "100000"))
CHUNK = 20_000
TARGET_RATE = 1000
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _fill(n: int) -> float:
    from django.db import connection, transaction

    from bench.opac import RECORD_COLUMNS, generate

    record_sql = f"INSERT INTO library_record ({', '.join(RECORD_COLUMNS)}) VALUES ({', '.join(['%s'] * len(RECORD_COLUMNS))})"
    contributor_sql = 'INSERT INTO library_contributor (record_id, name, name_parallel, role, "order") VALUES (%s, %s, %s, %s, %s)'
    subject_sql = "INSERT INTO library_subject (record_id, heading) VALUES (%s, %s)"
    t0 = time.perf_counter()
    for start in range(1, n + 1, CHUNK):
        records, contributors, subjects = [], [], []
        for row, cs, ss, _doc in generate(start, min(start + CHUNK, n + 1)):
            records.append(row)
            contributors += cs
            subjects += ss
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(record_sql, records)
            cursor.executemany(contributor_sql, contributors)
            cursor.executemany(subject_sql, subjects)
        print(f"oai fill: {start + len(records) - 1:,} records", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - t0


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _harvest(prefix: str, page_size: int) -> dict:
    from django.conf import settings
    from django.test import Client
    from lxml import etree

    settings.OAI_PAGE_SIZE = page_size
    client = Client(HTTP_HOST="127.0.0.1")
    params = {"verb": "ListRecords", "metadataPrefix": prefix}
    records = deleted = pages = 0
    rss: list[tuple[int, float]] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        response = client.get("/oai", params)
        parser = etree.XMLPullParser(
            events=("end",), tag=(f"{OAI}header", f"{OAI}resumptionToken", f"{OAI}error")
        )
        token = None
        for piece in response.streaming_content:
            parser.feed(piece)
            for _event, element in parser.read_events():
                if element.tag == f"{OAI}header":
                    records += 1
                    deleted += element.get("status") == "deleted"
                    parent = element.getparent()
                    parent.clear()  # what a streaming harvester does: keep nothing behind
                elif element.tag == f"{OAI}resumptionToken":
                    token = element.text
                else:
                    raise RuntimeError(element.text)
        parser.close()
        pages += 1
        rss.append((records, _rss_mib()))
        if not token:
            break
        params = {"verb": "ListRecords", "resumptionToken": token}
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    tenth = next(m for r, m in rss if r >= records / 10)
    return {
        "prefix": prefix,
        "page": page_size,
        "records": records,
        "deleted": deleted,
        "pages": pages,
        "wall": wall,
        "cpu": cpu,
        "rate": records / wall,
        "rate_cpu": records / cpu,
        "rss_tenth": tenth,
        "rss_last": rss[-1][1],
        "rss_max": max(m for _r, m in rss),
    }


def run() -> str:
    fresh_sqlite(VAR / "oai.sqlite3")
    fill = _fill(N)
    load_before = os.getloadavg()[0]
    _harvest("oai_dc", 500)  # warm-up: imports, caches, SQLite pages
    results = [_harvest("marc21", 500), _harvest("oai_dc", 500), _harvest("marc21", 5000)]
    load_after = os.getloadavg()[0]
    rows = [
        f"| {r['prefix']} | {r['page']:,} | {r['records']:,} ({r['deleted']:,} deleted) | {r['pages']} | "
        f"{r['wall']:.1f} | **{r['rate']:,.0f}** | {r['rate_cpu']:,.0f} | "
        f"{r['rss_tenth']:.0f} → {r['rss_last']:.0f} (max {r['rss_max']:.0f}) |"
        for r in results
    ]
    slowest = min(r["rate"] for r in results)
    slowest_cpu = min(r["rate_cpu"] for r in results)
    flat = all(r["rss_last"] <= r["rss_tenth"] * 1.05 for r in results)
    return "\n".join(
        [
            "## OAI-PMH (ListRecords harvest)",
            "",
            f"A whole harvest of {N:,} library records from `/oai`, target >= {TARGET_RATE:,} records/s with "
            "flat memory:",
            f"- slowest run **{slowest:,.0f} records/s** wall: **{'meets' if slowest >= TARGET_RATE else 'misses'}** "
            f"the target on wall time; **{slowest_cpu:,.0f} records/s** on CPU time (harvester included): "
            f"**{'meets' if slowest_cpu >= TARGET_RATE else 'misses'}** it on CPU time; memory "
            f"**{'flat' if flat else 'grows'}** (resident set after a tenth of the harvest → at its end, within 5 %).",
            f"- 1-minute load average (2 cores, shared with other developers): {load_before:.1f} before, "
            f"{load_after:.1f} after; fill {fill:.0f} s.",
            "",
            "| format | page size | records | pages | s | records/s wall | records/s CPU | RSS MiB (a tenth → end) |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            *rows,
            "",
            "Method: `make bench BENCH_ARGS=oai` (bench/oai.py). "
            + __doc__.split("\n\n", 1)[1].replace("\n", " "),
            "CPU time counts the client's parsing too (one process), so the server alone is faster than the "
            "CPU column says.",
        ]
    )

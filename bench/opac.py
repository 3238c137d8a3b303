"""OPAC benchmark: the public catalogue page at 1,000,000 library records on SQLite.

A fresh SQLite database under var/bench/opac/ (the demo DB is untouched) is migrated and
filled with N records generated deterministically in Python (languages kaz/rus/chi/eng 35/30/20/15 %,
titles from word lists of each language, a few famous works in many editions, rare words in a few
dozen records, years 1950-2025 skewed to recent, 7 formats, 1-2 contributors, 1-3 subject
headings, 1 % unpublished) and written with executemany; 1-2 copies per record (65 % available,
the rest on loan, on the hold shelf, in transit, lost or reference only) are generated in SQL. The
search entries are made by the real code path: `catalogue.document_for` (the function
`search_sources.documents` and the catalogue services use) on the same field values, indexed with
`index_documents` in batches (the FTS5 table is filled by one 'rebuild' at the end instead of its
triggers, same content); a sample is then re-read through `search_sources.documents` and
must produce identical index rows. The OPAC page is requested with Django's test Client (all
middleware, templates, translations) for every scenario.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

from bench.db import fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("BENCH_OPAC_DIR", ROOT / "var" / "bench" / "opac"))
N = int(os.environ.get("BENCH_OPAC_N", "1000000"))
REPEAT = int(os.environ.get("BENCH_OPAC_REPEAT", "20"))
CHUNK = 50_000
TARGET_P95_MS = 50

# (language code, share %, publishers, places, subject headings)
LANGS = [
    ("kaz", 35, ["Жазушы", "Фолиант", "Атамұра", "Мектеп", "Өнер", "Қазақ университеті"],
     ["Алматы", "Астана", "Шымкент"],
     ["Қазақ әдебиеті", "Қазақстан тарихы", "Қазақ музыкасы", "Этнография", "Фольклор", "Поэзия",
      "Балалар әдебиеті", "Тіл білімі", "Өнертану", "Философия", "Дін", "Педагогика"]),
    ("rus", 30, ["Наука", "Художественная литература", "Эксмо", "АСТ", "Просвещение", "Мысль"],
     ["Москва", "Санкт-Петербург", "Алматы"],
     ["Русская литература", "История Казахстана", "История России", "Музыка", "Этнография",
      "Археология", "Поэзия", "Языкознание", "Философия", "Искусство", "Путешествия", "Педагогика"]),
    ("chi", 20, ["人民文学出版社", "中华书局", "商务印书馆", "新疆人民出版社", "民族出版社", "三联书店"],
     ["北京", "上海", "乌鲁木齐"],
     ["中国文学", "哈萨克族", "丝绸之路", "音乐", "历史", "民族学", "考古", "诗歌", "语言学",
      "艺术", "中亚", "教育"]),
    ("eng", 15, ["Routledge", "Penguin", "Oxford University Press", "Brill", "Silk Road Press",
                 "Cambridge University Press"],
     ["London", "New York", "Oxford"],
     ["Kazakhstan -- History", "Central Asia -- Description and travel", "Silk Road", "Music -- Kazakhstan",
      "Nomads", "Archaeology", "English fiction", "Poetry", "Linguistics", "Art", "Folklore", "Education"]),
]  # fmt: skip
# Works held in many editions (about one record in 300 of its language): (title, author).
FAMOUS = {
    "kaz": [("Абай жолы", "Мұхтар Әуезов"), ("Қара сөздер", "Абай Құнанбайұлы"), ("Көшпенділер", "Ілияс Есенберлин"),
            ("Ақбілек", "Жүсіпбек Аймауытов")],
    "rus": [("Война и мир", "Лев Толстой"), ("Преступление и наказание", "Фёдор Достоевский"),
            ("Мастер и Маргарита", "Михаил Булгаков"), ("Вишнёвый сад", "Антон Чехов")],
    "chi": [("红楼梦", "曹雪芹"), ("三国演义", "罗贯中"), ("西游记", "吴承恩"), ("骆驼祥子", "老舍")],
    "eng": [("The Silk Road: A New History", "Valerie Hansen"), ("The Golden Man", "Mary Johnson")],
}  # fmt: skip
# Words in a few dozen records each (one record in about 40,000).
RARE = ["Шәкәрім", "Қорқытата", "Мандельштамиана", "敦煌遗书", "Tamgaly", "Бесшатыр"]
FORMATS = [("book", 85), ("serial", 5), ("score", 3), ("audio", 3), ("video", 2), ("map", 2)]


def _weighted(pairs):
    out = []
    for value, share in pairs:
        out += [value] * share
    return out


def _setup_db() -> Path:
    return fresh_sqlite(VAR / "opac.sqlite3")


RECORD_COLUMNS = [
    "id", "title", "title_romanized", "subtitle", "responsibility", "edition", "publisher", "place", "year",
    "language", "isbn13", "isbn10", "series", "physical_description", "notes", "format", "parallel", "cover",
    "control_number", "marc_flavour", "marc_raw", "marc_xml", "is_public", "created_at", "updated_at",
]  # fmt: skip


def _isbn13(n: int) -> str:
    body = f"978{n % 1_000_000_000:09d}"
    total = sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def generate(start: int, stop: int, seed: int = 11):
    """Records start..stop-1 (ids from 1): (record row, contributor rows, subject rows, document)."""
    from bench.search import EN_NAMES, EN_WORDS, KK_NAMES, KK_WORDS, RU_NAMES, RU_WORDS, ZH_NAMES, ZH_WORDS
    from shanyraq.library.services.catalogue import document_for

    words = {"kaz": (KK_WORDS, KK_NAMES, " "), "rus": (RU_WORDS, RU_NAMES, " "),
             "chi": (ZH_WORDS, ZH_NAMES, ""), "eng": (EN_WORDS, EN_NAMES, " ")}  # fmt: skip
    by_lang = {lang[0]: lang for lang in LANGS}
    lang_pick = _weighted([(code, share) for code, share, *_ in LANGS])
    format_pick = _weighted(FORMATS)
    base = 1_600_000_000  # created_at grows with the id, as records are catalogued over time
    rng = random.Random(seed * 10_000_019 + start)  # one stream per chunk: deterministic for a chunk size
    rnd = rng.random  # plain random() and indexing: rng.choice/sample cost more than the rest together

    def pick(seq):
        return seq[int(rnd() * len(seq))]

    for i in range(start, stop):
        lang = lang_pick[int(rnd() * 100)]
        vocab, names, sep = words[lang]
        _code, _share, publishers, places, headings = by_lang[lang]
        authors = [pick(names)]
        if rnd() < 0.0033:
            title, author = pick(FAMOUS[lang])
            authors = [author]
        else:
            title = sep.join(dict.fromkeys(pick(vocab) for _ in range(2 + int(rnd() * 3))))
            title = title[:1].upper() + title[1:]
        if rnd() < 1 / 40_000 * len(RARE):
            title = f"{title}{sep}{pick(RARE)}"
        if rnd() < 0.3:
            authors.append(pick(names))
        subtitle = sep.join(dict.fromkeys((pick(vocab), pick(vocab)))) if rnd() < 0.2 else ""
        year = 2025 - int(75 * rnd() ** 2)
        isbn = _isbn13(i * 7919) if year >= 1990 and rnd() < 0.7 else ""
        subjects = list(dict.fromkeys(pick(headings) for _ in range(1 + int(rnd() * 3))))
        publisher = pick(publishers)
        public = i % 97 != 0
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(base + i * 60))
        form = format_pick[int(rnd() * 100)]
        row = (
            i, title, "", subtitle, authors[0], "", publisher, pick(places), year, lang, isbn, "", "",
            f"{48 + int(rnd() * 600)} p.", "", form, "[]", "", f"B{i:08d}", "",
            None, "", public, stamp, stamp,
        )  # fmt: skip
        contributors = [
            (i, name, "", "author" if k == 0 else "editor", k)
            for k, name in enumerate(dict.fromkeys(authors))
        ]
        subject_rows = [(i, heading) for heading in subjects]
        record = SimpleNamespace(
            pk=i, title=title, title_romanized="", parallel=[], publisher=publisher, year=year,
            subtitle=subtitle, notes="", series="", isbn13=isbn, isbn10="", is_public=public,
            format=form, language=lang,
        )  # fmt: skip
        doc = document_for(
            record,
            [SimpleNamespace(name=c[1], name_parallel=c[2]) for c in contributors],
            [SimpleNamespace(heading=h) for h in subjects],
        )
        yield row, contributors, subject_rows, doc


def _fill(n: int) -> dict[str, float]:
    """Insert n records with contributors, subjects and copies, and index them. Returns timings."""
    from django.db import connection, transaction

    from shanyraq.search.backends import sql
    from shanyraq.search.services import index_documents

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(library_record)")
        columns = {row[1] for row in cursor.fetchall()}
    assert columns == set(RECORD_COLUMNS), f"Record columns changed: {columns ^ set(RECORD_COLUMNS)}"
    record_sql = f"INSERT INTO library_record ({', '.join(RECORD_COLUMNS)}) VALUES ({', '.join(['%s'] * len(RECORD_COLUMNS))})"
    contributor_sql = 'INSERT INTO library_contributor (record_id, name, name_parallel, role, "order") VALUES (%s, %s, %s, %s, %s)'
    subject_sql = "INSERT INTO library_subject (record_id, heading) VALUES (%s, %s)"
    times = {"rows": 0.0, "index": 0.0}
    t0 = time.perf_counter()
    # The FTS5 table is filled once at the end ('rebuild' reads the same SearchEntry columns the
    # triggers would copy, in one sorted pass: several times faster than a million trigger inserts).
    with connection.cursor() as cursor:
        for statement in sql.SQLITE_DROP[:3]:
            cursor.execute(statement)
    for start in range(1, n + 1, CHUNK):
        records, contributors, subjects, docs = [], [], [], []
        for row, cs, ss, doc in generate(start, min(start + CHUNK, n + 1)):
            records.append(row)
            contributors += cs
            subjects += ss
            docs.append(doc)
        t1 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(record_sql, records)
            cursor.executemany(contributor_sql, contributors)
            cursor.executemany(subject_sql, subjects)
        t2 = time.perf_counter()
        index_documents(docs)
        times["index"] += time.perf_counter() - t2
        times["rows"] += t2 - t1
        print(
            f"opac fill: {start + len(records) - 1:,} records, {time.perf_counter() - t0:.0f} s", flush=True
        )
    t1 = time.perf_counter()
    h = "((r.id * 2654435761) %% 1000003)"
    status = (
        "CASE WHEN {h} %% 100 < 65 THEN 'available' WHEN {h} %% 100 < 90 THEN 'on_loan' "
        "WHEN {h} %% 100 < 93 THEN 'on_hold_shelf' WHEN {h} %% 100 < 95 THEN 'in_transit' "
        "WHEN {h} %% 100 < 97 THEN 'lost' ELSE 'reference' END"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO library_copy (record_id, barcode, call_number, space_id, shelf, status, copy_type, acquired_on) "
            f"SELECT r.id, 'C' || printf('%%08d', r.id) || '-1', '', NULL, '', {status.format(h=h)}, 'standard', NULL "
            "FROM library_record r",
            [],
        )
        h2 = "((r.id * 40503 + 7) %% 1000003)"
        cursor.execute(
            "INSERT INTO library_copy (record_id, barcode, call_number, space_id, shelf, status, copy_type, acquired_on) "
            f"SELECT r.id, 'C' || printf('%%08d', r.id) || '-2', '', NULL, '', {status.format(h=h2)}, 'standard', NULL "
            "FROM library_record r WHERE r.id %% 10 < 3",
            [],
        )
    times["copies"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in sql.SQLITE_CREATE[1:]:
            cursor.execute(statement)
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")
        cursor.execute("ANALYZE")
    times["fts"] = time.perf_counter() - t1
    times["total"] = time.perf_counter() - t0
    return times


def _check_index(sample: int = 300) -> int:
    """Index rows made in bulk equal those `search_sources.documents` gives for the stored records."""
    from shanyraq.library.search_sources import documents
    from shanyraq.search.models import SearchEntry
    from shanyraq.search.rows import entry

    ids = [str(i) for i in range(1, N + 1, max(1, N // sample))]
    stored = {
        e.object_id: e
        for e in SearchEntry.objects.filter(kind="record", object_id__in=ids).only(
            "object_id", "title_keys", "body_keys", "meta_keys", "title_exact", "title_phrases"
        )
    }
    checked = 0
    for doc in documents(ids=[int(i) for i in ids]):
        row, _keys = entry(doc)
        e = stored[doc.object_id]
        assert (e.title_keys, e.body_keys, e.meta_keys, e.title_exact, e.title_phrases) == row[6:], (
            doc.object_id
        )
        checked += 1
    assert checked == len(ids), (checked, len(ids))
    return checked


# (scenario, query string); URL /en/library/?<query string>
SCENARIOS = [
    ("landing page (whole-catalogue facets cached)", ""),
    ("Kazakh Cyrillic, famous work", "q=Абай жолы"),
    ("Kazakh Cyrillic, common word", "q=домбыра"),
    ("Kazakh 2021 Latin", "q=Abai joly"),
    ("Kazakh ALA-LC", "q=Abaĭ zholy"),
    ("Kazakh 2021 Latin, author", "q=Mūhtar Äuezov"),
    ("Russian Cyrillic, famous work", "q=Война и мир"),
    ("Russian Cyrillic, author", "q=Достоевский"),
    ("Russian transliterated", "q=Voina i mir"),
    ("Russian transliterated, author", "q=Dostoevskii"),
    ("Chinese simplified", "q=红楼梦"),
    ("Chinese traditional", "q=紅樓夢"),
    ("pinyin", "q=hongloumeng"),
    ("common word, Russian", "q=история"),
    ("common word, English", "q=history"),
    ("common word, Chinese", "q=北京"),
    ("rare word", "q=Шәкәрім"),
    ("rare word, Latin", "q=Tamgaly"),
    ("common word + language", "q=домбыра&language=kaz"),
    ("common word + year", "q=history&year=2020"),
    ("common word + available now", "q=история&available=1"),
    ("famous work + language + available", "q=Абай&language=kaz&available=1"),
    ("common word, page 2", "q=домбыра&page=2"),
    ("browse: language facet", "language=kaz"),
    ("browse: available now", "available=1"),
]


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _time_pages():
    from urllib.parse import parse_qs, quote

    from django.conf import settings
    from django.test import Client

    from shanyraq.library.selectors import opac_search

    # DEBUG off as in production: no query log, no template debug information (static files stay
    # unhashed, as in development). No test instrumentation of template rendering either.
    settings.DEBUG = False
    client = Client()
    rows, wall, cpu = [], [], []
    for name, qs in SCENARIOS:
        url = "/en/library/" + ("?" + quote(qs, safe="=&") if qs else "")
        assert client.get(url).status_code == 200, url
        params = {k: v[0] for k, v in parse_qs(qs).items()}
        result = opac_search(  # the figures the page shows, read outside the timing
            q=params.get("q", ""),
            language=params.get("language", ""),
            year=params.get("year", ""),
            available=params.get("available") == "1",
            page=int(params.get("page", "1")),
        )
        w, c = [], []
        for _ in range(REPEAT):
            t0, c0 = time.perf_counter(), time.process_time()
            assert client.get(url).status_code == 200
            w.append((time.perf_counter() - t0) * 1000)
            c.append((time.process_time() - c0) * 1000)
        wall += w
        cpu += c
        shown = f"{result.total:,}" + (" (top)" if getattr(result, "capped", False) else "")
        rows.append(
            f"| {name} | `{qs or '(none)'}` | {shown} | {statistics.median(w):.1f} | {_pct(w, 0.95):.1f} "
            f"| {statistics.median(c):.1f} | {_pct(c, 0.95):.1f} |"
        )
        print(f"opac {name}: p95 {_pct(w, 0.95):.1f} ms wall, {_pct(c, 0.95):.1f} ms CPU", flush=True)
    return rows, wall, cpu


def _cold_landing() -> float:
    """The landing page right after a catalogue write, when the whole-catalogue facets are
    recounted (once; the next visitors get them from the cache). Seconds."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    t0 = time.perf_counter()
    assert Client().get("/en/library/").status_code == 200
    return time.perf_counter() - t0


# Measured on this data with the OPAC of commit 582c5e8 (before the result cap, the one-query
# facets and the search backend changes), 20 requests per scenario, the same machine (load 3-5).
BEFORE = (
    "Before (commit 582c5e8, same data and scenarios, load 3-5): p95 per search scenario 0.1-1.5 s wall "
    "(e.g. `q=домбыра` 706 ms, `q=история` 1,091 ms, `q=история&available=1` 1,135 ms, `q=Война и мир` "
    "99 ms, rare words 53-61 ms), the landing page 8.1 s (its list sorted every record); the browse "
    "scenarios were not timed (several seconds a request)."
)


def run() -> str:
    _setup_db()
    load_fill = os.getloadavg()[0]
    times = _fill(N)
    checked = _check_index()
    load_before = os.getloadavg()[0]
    rows, wall, cpu = _time_pages()
    load_after = os.getloadavg()[0]
    cold_landing = _cold_landing()
    from shanyraq.library import selectors

    cap = getattr(selectors, "RESULT_CAP", None)
    p95, cpu95 = _pct(wall, 0.95), _pct(cpu, 0.95)
    return "\n".join(
        [
            "## OPAC (library catalogue page)",
            "",
            f"The public catalogue page `/en/library/` at {N:,} library records on SQLite, "
            f"p95 target <= {TARGET_P95_MS} ms:",
            f"- all scenarios: **p50 {statistics.median(wall):.1f} ms, p95 {p95:.1f} ms wall; "
            f"p50 {statistics.median(cpu):.1f} ms, p95 {cpu95:.1f} ms CPU** over {len(wall)} requests: "
            f"**{'meets' if p95 <= TARGET_P95_MS else 'misses'}** the target on wall time, "
            f"**{'meets' if cpu95 <= TARGET_P95_MS else 'misses'}** on CPU time.",
            f"- 1-minute load average (2 cores, shared with other developers): {load_fill:.1f} before the fill, "
            f"{load_before:.1f} before and {load_after:.1f} after the page timings.",
            f"- fill: {times['total']:.0f} s in all ({times['rows']:.0f} s writing records, contributors "
            f"and subjects, {times['index']:.0f} s indexing with `index_documents`, {times['copies']:.0f} s copies "
            f"in SQL, {times['fts']:.0f} s FTS5 rebuild + ANALYZE); {checked} sampled index rows re-derived through "
            "`search_sources.documents` matched the bulk ones exactly.",
            "",
            f"- the landing page right after a catalogue write (whole-catalogue facets recounted once, then "
            f"cached): {cold_landing:.1f} s, not part of the figures above.",
            "",
            BEFORE,
            "",
            "| scenario | query | books shown | p50 ms wall | p95 ms wall | p50 ms CPU | p95 ms CPU |",
            "|---|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Method: `make bench BENCH_ARGS=opac` (bench/opac.py). "
            + __doc__.split("\n\n", 1)[1].replace("\n", " "),
            f"Each scenario is warmed once and then timed {REPEAT} times; wall time and this process's CPU time "
            "are both kept (client, Django and SQLite run in this one thread, so CPU time is the request's cost "
            "without the other developers' load). The landing page's whole-catalogue facets are cached "
            "(dropped on every catalogue write), so it is timed warm like a visitor sees it; every other "
            "scenario computes its facets on each request."
            + (
                f" A search's facets, total and pages cover its {cap:,} best-ranked matches, a filtered "
                f'browse its {cap:,} newest (the visitor is told when there are more): "(top)" in the table.'
                if cap
                else ""
            ),
        ]
    )

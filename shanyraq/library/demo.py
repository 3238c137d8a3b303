"""Demo library: about 1,000 real books in Kazakh, Russian, Chinese and English, copies, patrons,
loans. demo_records.tsv lists the books entered by hand; demo_records.xml holds real MARC records
from the public MARC files in tests/data, chosen by demo_marc.py and loaded through the importer.

Bibliographic facts (title, author, and where given publisher, place and year) are real; the year
of classics is the year of first publication, and publisher is left empty where we were not sure
of the edition. No ISBNs: we give none we could not vouch for. Romanized twins are generated:
Kazakh by the official 2021 Latin alphabet (table from wagner-austin/turkic_transliteration, MIT,
as copied to tests/data/transliteration-kazakh-russian), Russian by a plain Latin scheme,
Chinese by pypinyin.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from pypinyin import lazy_pinyin

from shanyraq.core.dates import years_before
from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy, Holiday, LoanRule, OpeningDay, Patron, Record
from shanyraq.library.services.catalogue import copies_create, records_create
from shanyraq.library.services.circulation import copy_checkin, copy_checkout, hold_place
from shanyraq.library.services.patrons import patron_create
from shanyraq.people.services import person_create
from shanyraq.spaces.models import Space

DATA_FILE = Path(__file__).with_name("demo_records.tsv")
DEMO_PASSWORD = "shanyraq-demo"  # noqa: S105 - demo login of the demo patron

KAZAKH_LATIN = dict(
    zip(
        "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        [
            "A",
            "Ä",
            "B",
            "V",
            "G",
            "Ğ",
            "D",
            "E",
            "Yo",
            "J",
            "Z",
            "İ",
            "İ",
            "K",
            "Q",
            "L",
            "M",
            "N",
            "Ñ",
            "O",
            "Ö",
            "P",
            "R",
            "S",
            "T",
            "U",
            "Ū",
            "Ü",
            "F",
            "H",
            "H",
            "Ts",
            "Ch",
            "Ş",
            "Şç",
            "",
            "Y",
            "I",
            "",
            "E",
            "Yu",
            "Ya",
            "a",
            "ä",
            "b",
            "v",
            "g",
            "ğ",
            "d",
            "e",
            "yo",
            "j",
            "z",
            "i",
            "i",
            "k",
            "q",
            "l",
            "m",
            "n",
            "ñ",
            "o",
            "ö",
            "p",
            "r",
            "s",
            "t",
            "u",
            "ū",
            "ü",
            "f",
            "h",
            "h",
            "ts",
            "ch",
            "ş",
            "şç",
            "",
            "y",
            "ı",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
RUSSIAN_LATIN = dict(
    zip(
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "A",
            "B",
            "V",
            "G",
            "D",
            "E",
            "E",
            "Zh",
            "Z",
            "I",
            "I",
            "K",
            "L",
            "M",
            "N",
            "O",
            "P",
            "R",
            "S",
            "T",
            "U",
            "F",
            "Kh",
            "Ts",
            "Ch",
            "Sh",
            "Shch",
            "",
            "Y",
            "",
            "E",
            "Iu",
            "Ia",
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)

# 2026 public holidays in mainland China (State Council notice); the library is also closed on Mondays.
HOLIDAYS_2026 = [
    (dt.date(2026, 1, 1), dt.date(2026, 1, 3), "New Year's Day / 元旦"),
    (dt.date(2026, 2, 15), dt.date(2026, 2, 23), "Spring Festival / 春节"),
    (dt.date(2026, 4, 4), dt.date(2026, 4, 6), "Qingming Festival / 清明节"),
    (dt.date(2026, 5, 1), dt.date(2026, 5, 5), "Labour Day / 劳动节"),
    (dt.date(2026, 6, 19), dt.date(2026, 6, 21), "Dragon Boat Festival / 端午节"),
    (dt.date(2026, 9, 25), dt.date(2026, 9, 27), "Mid-Autumn Festival / 中秋节"),
    (dt.date(2026, 10, 1), dt.date(2026, 10, 7), "National Day / 国庆节"),
]

RULES = [
    # category, copy type, days, renewals, max loans
    ("adult", "standard", 21, 2, 5),
    ("adult", "short", 7, 0, 5),
    ("adult", "children", 21, 2, 5),
    ("child", "standard", 14, 1, 3),
    ("child", "short", 7, 0, 3),
    ("child", "children", 21, 2, 3),
    ("staff", "standard", 28, 3, 10),
    ("staff", "short", 7, 1, 10),
    ("staff", "children", 28, 3, 10),
]

CALL_PREFIX = {"kaz": "KZ", "rus": "RU", "chi": "ZH", "eng": "EN"}


def romanize(text: str, language: str) -> str:
    if language == "kaz":
        return "".join(KAZAKH_LATIN.get(ch, ch) for ch in text)
    if language == "rus":
        return "".join(RUSSIAN_LATIN.get(ch, ch) for ch in text)
    if language == "chi":
        syllables = [s for s in lazy_pinyin(text) if s.strip()]
        return " ".join(syllables).capitalize()
    return ""


def romanize_name(name: str, language: str) -> str:
    if language == "chi":
        syllables = lazy_pinyin(name)
        if len(syllables) >= 2:
            return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"
        return "".join(syllables).capitalize()
    return romanize(name, language)


def rows() -> list[dict[str, str]]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def record_data(row: dict[str, str]) -> RecordData:
    lang = row["language"]
    authors = [a.strip() for a in row["author"].split(";") if a.strip()]
    return RecordData(
        title=row["title"],
        title_romanized=romanize(row["title"], lang),
        language=lang,
        publisher=row["publisher"],
        place=row["place"],
        year=int(row["year"]) if row["year"] else None,
        contributors=[(a, romanize_name(a, lang), "author") for a in authors],
        subjects=[s.strip() for s in row["subjects"].split(";") if s.strip()],
        format="book",
    )


@transaction.atomic
def load() -> dict[str, int]:
    for weekday in range(1, 7):  # Tuesday to Sunday; closed on Mondays
        OpeningDay.objects.get_or_create(
            weekday=weekday, defaults={"opens": dt.time(10), "closes": dt.time(18)}
        )
    for start, end, name in HOLIDAYS_2026:
        day = start
        while day <= end:
            Holiday.objects.get_or_create(date=day, defaults={"name": name})
            day += dt.timedelta(days=1)
    for category, copy_type, days, renewals, max_loans in RULES:
        LoanRule.objects.get_or_create(
            patron_category=category,
            copy_type=copy_type,
            defaults={"loan_days": days, "renewals": renewals, "max_loans": max_loans},
        )
    room = Space.objects.filter(slug="library").first()
    all_rows = rows()
    existing = {(r.title, r.language): r for r in Record.objects.filter(marc_flavour="")}
    missing = [row for row in all_rows if (row["title"], row["language"]) not in existing]
    # One index write for all the new records (records_create), not one per book.
    for row, record in zip(missing, records_create(record_data(row) for row in missing), strict=True):
        existing[(row["title"], row["language"])] = record
    records = [existing[(row["title"], row["language"])] for row in all_rows]
    taken = set(Copy.objects.values_list("barcode", flat=True))
    wanted = []
    for i, (row, record) in enumerate(zip(all_rows, records, strict=True), 1):
        for n in range(1 + (i % 3 == 0)):
            if f"KCC{i:05d}{n}" not in taken:
                wanted.append(
                    {
                        "record": record,
                        "barcode": f"KCC{i:05d}{n}",
                        "space": room,
                        "shelf": CALL_PREFIX.get(row["language"], ""),
                        "call_number": f"{CALL_PREFIX.get(row['language'], 'XX')} {i:03d}",
                        "copy_type": "children" if "ауыз" in row["subjects"] else "standard",
                        "acquired_on": dt.date(2025, 8, 1) + dt.timedelta(days=i % 60),
                    }
                )
    copies = len(copies_create(wanted))
    imported, imported_copies = _marc_records(room, start=len(records) + 1)
    patrons = _patrons()
    loans = _loans(patrons, records)
    return {
        "records": len(records) + imported,
        "copies": copies + imported_copies,
        "patrons": len(patrons),
        "loans": loans,
    }


def _marc_records(room, *, start: int) -> tuple[int, int]:
    """The real MARC records of demo_marc.py, through the importer (as a librarian would load
    them), each with one copy on the shelf of its language."""
    from shanyraq.library.demo_marc import DEMO_MARC
    from shanyraq.library.services.marc_import import CREATED, marc_import

    if Record.objects.exclude(marc_flavour="").exists():
        return 0, 0
    report = marc_import(data=DEMO_MARC.read_bytes(), parallel=False, file_name=DEMO_MARC.name)
    created = Record.objects.exclude(marc_flavour="").order_by("pk").only("pk", "language")
    copies = copies_create(
        {
            "record": record,
            "barcode": f"KCC{i:05d}0",
            "space": room,
            "shelf": CALL_PREFIX.get(record.language, "XX"),
            "call_number": f"{CALL_PREFIX.get(record.language, 'XX')} {i:03d}",
            "acquired_on": dt.date(2025, 8, 1) + dt.timedelta(days=i % 60),
        }
        for i, record in enumerate(created, start)
    )
    return report.count(CREATED), len(copies)


def _patrons() -> list[Patron]:
    if Patron.objects.filter(barcode="P000001").exists():
        return list(Patron.objects.order_by("barcode"))
    user = get_user_model().objects.create_user(username="reader", password=DEMO_PASSWORD)
    today = timezone.localdate()
    aigerim = person_create(
        name="Айгерім Сейітова",
        language="kk",
        email="reader@shanyraq.localhost",
        other_names=[{"script": "Latn", "text": "Aigerim Seiitova"}],
        user=user,
    )
    zhang = person_create(
        name="张伟",
        language="zh-hans",
        email="zhangwei@shanyraq.localhost",
        other_names=[{"script": "Latn", "text": "Zhang Wei"}],
    )
    child = person_create(
        name="Әлия Сейітова",
        language="kk",
        birth_date=years_before(today, 10),
        guardian=aigerim,
        guardian_consent=True,
    )
    olga = person_create(name="Ольга Иванова", language="ru", email="olga@shanyraq.localhost")
    expires = today + dt.timedelta(days=365)
    return [
        patron_create(person=aigerim, barcode="P000001", category="adult", expires_on=expires),
        patron_create(person=zhang, barcode="P000002", category="adult", expires_on=expires),
        patron_create(person=child, barcode="P000003", category="child", expires_on=expires),
        patron_create(person=olga, barcode="P000004", category="staff", expires_on=expires),
    ]


def _loans(patrons: list[Patron], records: list[Record]) -> int:
    from shanyraq.library.models import Loan

    if Loan.objects.exists():
        return Loan.objects.count()
    now = timezone.now()
    plan = [(0, 1, 3), (0, 2, 10), (1, 100, 2), (1, 120, 40), (2, 30, 5), (3, 150, 25), (3, 160, 60)]
    for patron_index, record_index, days_ago in plan:
        copy = records[record_index].copies.order_by("barcode").first()
        if copy is not None and copy.status == Copy.Status.AVAILABLE:
            copy_checkout(
                barcode=copy.barcode, patron=patrons[patron_index], now=now - dt.timedelta(days=days_ago)
            )
    # One returned loan for the statistics, and one hold waiting for a book on loan.
    returned = records[5].copies.order_by("barcode").first()
    if returned is not None:
        copy_checkout(barcode=returned.barcode, patron=patrons[1], now=now - dt.timedelta(days=20))
        copy_checkin(barcode=returned.barcode, now=now - dt.timedelta(days=2))
    hold_place(record=records[1], patron=patrons[1])
    return Loan.objects.count()

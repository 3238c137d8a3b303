"""What both MARC mappings produce, and the small helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymarc
from stdnum import isbn as stdisbn

# UNIMARC non-sorting marks (NSB/NSE) and their C1 twins; they are not text.
NON_SORTING = dict.fromkeys(map(ord, "\x88\x89\x98\x9c"))
TRAILING = " /:;,=.+"
NCR = re.compile(r"&#x([0-9A-Fa-f]{2,6});?|&#([0-9]{2,7});")


@dataclass
class RecordData:
    title: str = ""
    title_romanized: str = ""
    subtitle: str = ""
    responsibility: str = ""
    edition: str = ""
    publisher: str = ""
    place: str = ""
    year: int | None = None
    language: str = ""
    isbn13: str = ""
    isbn10: str = ""
    series: str = ""
    physical_description: str = ""
    notes: str = ""
    format: str = "book"
    control_number: str = ""
    parallel: list[dict] = field(default_factory=list)
    contributors: list[tuple[str, str, str]] = field(default_factory=list)  # (name, name_parallel, role)
    subjects: list[str] = field(default_factory=list)
    classifications: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_RARE = re.compile("[\x88\x89\x98\x9c\x00]|&#")


def clean(value: str | None, limit: int = 500) -> str:
    """Collapse whitespace, drop ISBD punctuation at the ends and UNIMARC non-sorting marks."""
    if not value:
        return ""
    # One cheap test for the rare cases below (clean runs ~40 times a record).
    if ("&#" in value or "\x00" in value) if value.isascii() else _RARE.search(value) is not None:
        if "\x88" in value or "\x89" in value or "\x98" in value or "\x9c" in value:
            value = value.translate(NON_SORTING)
        if "\x00" in value:
            value = value.replace("\x00", "")  # PostgreSQL text cannot hold NUL
        if "&#" in value:
            # MARC-8 records carry characters outside MARC-8 as numeric references (LC practice).
            value = NCR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16 if m.group(1) else 10)), value)
    value = " ".join(value.split()).rstrip(TRAILING).lstrip(",;: ")
    if value[:1] == "[" and value[-1:] == "]":
        value = value[1:-1].strip()
    return value[:limit]


class Indexed:
    """A read-only view of a pymarc record with its fields grouped by tag (what the mappings use:
    leader, fields, get, get_fields). The mappings look up some twenty tags per record, and
    pymarc scans every field for each lookup."""

    __slots__ = ("leader", "fields", "_by_tag")

    def __init__(self, record: pymarc.Record) -> None:
        self.leader = record.leader
        self.fields = record.fields
        by_tag: dict[str, list] = {}
        for fld in record.fields:
            by_tag.setdefault(fld.tag, []).append(fld)
        self._by_tag = by_tag

    def get(self, tag: str, default=None):
        found = self._by_tag.get(tag)
        return found[0] if found else default

    def get_fields(self, *tags: str) -> list:
        if len(tags) == 1:
            return list(self._by_tag.get(tags[0], ()))
        if not tags:
            return list(self.fields)
        wanted = set(tags)
        return [f for f in self.fields if f.tag in wanted]


def sub(fld: pymarc.Field | None, *codes: str, sep: str = " ") -> str:
    if fld is None or not hasattr(fld, "subfields"):
        return ""
    return clean(sep.join([clean(s.value) for s in fld.subfields if s.code in codes and s.value]))


def first(record: pymarc.Record, *tags: str) -> pymarc.Field | None:
    for tag in tags:
        fields = record.get_fields(tag)
        if fields:
            return fields[0]
    return None


def year_of(text: str) -> int | None:
    m = re.search(r"(1[0-9]{3}|20[0-9]{2})", text or "")
    return int(m.group(1)) if m else None


def isbn_pair(raw: str) -> tuple[str, str]:
    """Validate with python-stdnum; return (ISBN-13, ISBN-10), both compact; ("", "") if invalid."""
    for candidate in re.findall(r"[0-9][0-9\- ]{8,16}[0-9Xx]", raw or ""):
        number = stdisbn.compact(candidate)
        if stdisbn.is_valid(number):
            thirteen = stdisbn.compact(stdisbn.to_isbn13(number))
            try:
                ten = stdisbn.compact(stdisbn.to_isbn10(thirteen))
            except Exception:  # noqa: BLE001 - 979 ISBNs have no ISBN-10
                ten = ""
            return thirteen, ten
    return "", ""


def format_of(leader: str) -> str:
    kind, level = (leader[6:7] or " "), (leader[7:8] or " ")
    if kind in "at":
        return "serial" if level == "s" else "book"
    return {"c": "score", "d": "score", "i": "audio", "j": "audio", "g": "video", "e": "map", "f": "map"}.get(
        kind, "other"
    )


ROLE_CODES = {
    # MARC21 relator codes and UNIMARC relator codes (numeric)
    "aut": "author",
    "edt": "editor",
    "trl": "translator",
    "ill": "illustrator",
    "com": "compiler",
    "070": "author",
    "340": "editor",
    "730": "translator",
    "440": "illustrator",
    "220": "compiler",
}
ROLE_WORDS = [
    ("translator", ("transl", "пер", "аударм", "译")),
    ("editor", ("ed.", "editor", "ред", "编")),
    ("illustrator", ("ill", "худож", "绘")),
    ("compiler", ("comp", "сост", "құраст")),
    ("author", ("author", "авт", "著")),
]


def role_of(codes: list[str], words: list[str], default: str = "author") -> str:
    for code in codes:
        role = ROLE_CODES.get(code.strip().lower().rstrip("."))
        if role:
            return role
    for word in words:
        w = word.lower()
        for role, stems in ROLE_WORDS:
            if any(stem in w for stem in stems):
                return role
    return default


def language_code(value: str) -> str:
    value = (value or "").strip().lower()[:3]
    return value if re.fullmatch(r"[a-z]{3}", value) else ""

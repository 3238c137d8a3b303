"""Flat records -> RecordData: ISO 2709 with no indicators and no subfield codes (leader/10-11
"00"), as old Russian DOS systems exported them in CP866, e.g. the abstracts database of VINITI
(ВИНИТИ) in the shared test files. The tags are that system's own, not MARC21's or UNIMARC's,
read from the records themselves:

001 authors (";" between), 003 source (journal), 004 language ("Рус."), 006 keywords ("%"
between), 007 year, 021 title, 043 pages, 076 issue, 100 abstract.

Without this the record was read as UNIMARC-less MARC21: no 245, so "no title", and the author
in the control number column (its 001).
"""

from __future__ import annotations

import pymarc

from shanyraq.library.marc.common import RecordData, clean, year_of
from shanyraq.library.marc.reader import without_subfields

# The abbreviations these systems use for languages (ГОСТ 7.12) -> ISO 639-2/B.
LANGUAGES = {
    "рус": "rus",
    "англ": "eng",
    "каз": "kaz",
    "нем": "ger",
    "фр": "fre",
    "франц": "fre",
    "кит": "chi",
    "укр": "ukr",
    "исп": "spa",
    "ит": "ita",
    "япон": "jpn",
}


def is_flat(record: pymarc.Record) -> bool:
    return without_subfields(str(record.leader))


def _value(record: pymarc.Record, tag: str) -> str:
    fld = record.get(tag)
    if fld is None:
        return ""
    text = fld.data if fld.is_control_field() else " ".join(s.value for s in fld.subfields)
    # These systems wrote "\" for a space in short fields (Никитенко\Е.\А.) and "~" before numbers.
    return clean(text.replace("\\", " ").lstrip("~"), 2000)


def to_data(record: pymarc.Record) -> RecordData:
    data = RecordData(format="other")
    data.title = _value(record, "021")[:500]
    if not data.title:
        data.warnings.append("no_title")
    for name in _value(record, "001").split(";"):
        if name := clean(name, 300):
            data.contributors.append((name, "", "author"))
    data.year = year_of(_value(record, "007"))
    data.language = LANGUAGES.get(_value(record, "004").lower().rstrip("."), "")
    data.subjects = [k for k in (clean(k, 300) for k in _value(record, "006").split("%")) if k]
    source = ". ".join(p for p in (_value(record, t) for t in ("003", "007", "076", "043")) if p)
    data.notes = "\n".join(p for p in (source, _value(record, "100")) if p)
    return data

"""MARC21 bibliographic -> RecordData (field table in docs/library/marc-mapping.md).

880 fields carry the vernacular script and are linked to their romanized field by $6
(`245 $6 880-01` <-> `880 $6 245-01/$1`). We show the vernacular form first (the book as
printed) and keep the romanized twin beside it, so search finds both.
"""

from __future__ import annotations

import pymarc

from shanyraq.library.marc.common import (
    Indexed,
    RecordData,
    clean,
    first,
    format_of,
    isbn_pair,
    language_code,
    role_of,
    sub,
    year_of,
)

NAME_TAGS = ["100", "110", "111", "700", "710", "711"]
SUBJECT_TAGS = ["600", "610", "611", "630", "650", "651", "655"]
TEXT_CODES = "abcdefghknpqt"


def _link(fld: pymarc.Field) -> str:
    """'245-01' for an 880, '880-01' for a regular field; '' if unlinked."""
    for s in getattr(fld, "subfields", []):
        if s.code == "6":
            return s.value.split("/")[0].strip()
    return ""


def _pairs(record: pymarc.Record) -> dict[tuple[str, str], pymarc.Field]:
    """(tag, occurrence) -> its 880 field."""
    linked = {}
    for fld in record.get_fields("880"):
        link = _link(fld)
        if "-" in link:
            tag, occ = link.split("-", 1)
            if occ and occ != "00":
                linked[(tag, occ[:2])] = fld
    return linked


def _vernacular(fld: pymarc.Field, pairs) -> pymarc.Field | None:
    link = _link(fld)
    if link.startswith("880-"):
        return pairs.get((fld.tag, link[4:6]))
    return None


def _name(fld: pymarc.Field) -> str:
    return sub(fld, "a", "b", "c", "q")


def to_data(record: pymarc.Record) -> RecordData:
    record = Indexed(record)
    data = RecordData()
    pairs = _pairs(record)
    cn = record.get("001")
    data.control_number = clean(cn.data if cn is not None else "", 60)
    leader = str(record.leader)
    data.format = format_of(leader)
    f008 = record.get("008")
    f008 = f008.data if f008 is not None else ""

    t = record.get("245")
    if t is not None:
        vt = _vernacular(t, pairs)
        main = vt or t
        data.title = sub(main, "a") or sub(main, "k") or sub(t, "a")
        data.subtitle = sub(main, "b", "n", "p")
        data.responsibility = sub(main, "c")
        if vt is not None:
            data.title_romanized = sub(t, "a")
    if not data.title:
        data.title = sub(first(record, "246", "240", "130"), "a")
        if not data.title:
            data.warnings.append("no_title")

    data.edition = sub(first(record, "250"), "a", "b")[:200]
    pub = first(record, "264", "260")
    if pub is not None:
        vpub = _vernacular(pub, pairs) or pub
        data.place = sub(vpub, "a", sep=" ; ")[:200]
        data.publisher = sub(vpub, "b", sep=" ; ")[:300]
        data.year = year_of(sub(pub, "c"))
    if data.year is None and len(f008) >= 11:
        data.year = year_of(f008[7:11]) if f008[7:11].isdigit() else None
    lang = first(record, "041")
    data.language = language_code(f008[35:38] if len(f008) >= 38 else "") or language_code(sub(lang, "a")[:3])
    for fld in record.get_fields("020"):
        data.isbn13, data.isbn10 = isbn_pair(sub(fld, "a"))
        if data.isbn13:
            break
    data.series = sub(first(record, "490", "830", "440"), "a", "v", sep=" ; ")[:300]
    data.physical_description = sub(first(record, "300"), "a", "b", "c")[:300]
    data.notes = "\n".join(
        clean(note, 2000) for f in record.get_fields("500", "504", "505", "520") if (note := sub(f, "a"))
    )

    for i, fld in enumerate(record.get_fields(*NAME_TAGS)):
        v = _vernacular(fld, pairs)
        name, other = (_name(v), _name(fld)) if v is not None else (_name(fld), "")
        if not name:
            continue
        codes = [s.value for s in fld.subfields if s.code == "4"]
        words = [s.value for s in fld.subfields if s.code == "e"]
        default = "author" if fld.tag.startswith("1") else "other"
        data.contributors.append((name[:300], other[:300], role_of(codes, words, default)))
        if i > 50:
            break
    for fld in record.get_fields(*SUBJECT_TAGS):
        heading = " -- ".join([c for s in fld.subfields if s.code in "abcdtvxyz" and (c := clean(s.value))])
        if heading and heading not in data.subjects:
            data.subjects.append(heading[:300])
    for tag, scheme in (("080", "udc"), ("082", "ddc"), ("050", "lcc")):
        for fld in record.get_fields(tag):
            number = sub(fld, "a", "b", sep="")[:100] if tag == "050" else sub(fld, "a")[:100]
            if number:
                data.classifications.append((scheme, number))
    for fld in record.get_fields("084"):
        source = sub(fld, "2").lower()
        scheme = "clc" if source in ("clc", "ztflh") else "bbk" if "bbk" in source else "other"
        if number := sub(fld, "a"):
            data.classifications.append((scheme, number[:100]))

    for fld in record.get_fields("880"):
        link = _link(fld)
        tag = link.split("-")[0] if "-" in link else ""
        regular = None
        if tag and "-" in link:
            occ = link.split("-", 1)[1][:2]
            for cand in record.get_fields(tag):
                if _link(cand) == f"880-{occ}":
                    regular = cand
                    break
        vernacular_text = sub(fld, *TEXT_CODES)
        if vernacular_text:
            data.parallel.append(
                {"tag": tag or "880", "vernacular": vernacular_text, "romanized": sub(regular, *TEXT_CODES)}
            )
    return data

"""UNIMARC (RUSMARC, CNMARC) bibliographic -> RecordData (field table in docs/library/marc-mapping.md).

200 title, 205 edition, 210/214 publication, 215 physical description, 225 series, 010 ISBN,
101 language, 300/330 notes, 600-608 subjects, 675 UDC, 686 BBK (RUSMARC, $2 rubbk), 690 CLC
(CNMARC), 676 DDC, 700-702 persons, 710-712 bodies. Alternate-script fields are repeats of the
same tag linked by $6 with the script in $7 (`ba` = Latin); they become parallel pairs.
"""

from __future__ import annotations

import re

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

PERSON_TAGS = ["700", "701", "702"]
BODY_TAGS = ["710", "711", "712"]
SUBJECT_TAGS = ["600", "601", "602", "604", "605", "606", "607", "608"]


def _script(fld: pymarc.Field) -> str:
    return sub(fld, "7")[:2].lower()


def _link(fld: pymarc.Field) -> str:
    return sub(fld, "6")


def _split_scripts(record: pymarc.Record, tag: str) -> tuple[list[pymarc.Field], dict[str, pymarc.Field]]:
    """Fields of one tag: the main ones (not Latin alternates) and the Latin twin per link."""
    main, latin = [], {}
    fields = record.get_fields(tag)
    linked_scripts = {}
    for fld in fields:
        if _link(fld):
            linked_scripts.setdefault(_link(fld), []).append(fld)
    for fld in fields:
        link = _link(fld)
        group = linked_scripts.get(link, [])
        if link and len(group) > 1 and _script(fld) == "ba":
            latin[link] = fld
        else:
            main.append(fld)
    return main, latin


def _person(fld: pymarc.Field) -> str:
    surname = sub(fld, "a")
    forename = sub(fld, "g") or sub(fld, "b")
    return clean(f"{surname}, {forename}" if surname and forename else surname or forename)


def _linked_title(fld: pymarc.Field) -> str:
    """The title in a linking field (461 set, 462 subset): $a of the embedded 200 (subfields after
    a $1 that starts with "200"), or $t in the standard-subfields technique."""
    inside, parts = False, []
    for s in fld.subfields:
        if s.code == "1":
            inside = s.value.startswith("200")
        elif inside and s.code == "a" and (value := clean(s.value)):
            parts.append(value)
    return " ".join(parts) or sub(fld, "t")


def _title(fld: pymarc.Field, sets: list[str]) -> str:
    """The full title of a part of a multipart work, as a reader would cite it: the set's title
    (461/462) when 200 says its own title is not significant (indicator 1 = 0, e.g. "Вып. 13"),
    then 200 $a with each part's number ($h) and name ($i) in order:
    "Туризм: история и современность. Т. 2, кн. 4, Народная дипломатия и туризм"."""
    pieces = [sub(fld, "a")]
    pieces += [value for s in fld.subfields if s.code in "hi" and (value := clean(s.value))]
    own = ", ".join(p for p in pieces if p)
    if sets and (fld.indicator1 == "0" or not sub(fld, "a")):
        return clean(". ".join([*sets, own]))
    return own


def to_data(record: pymarc.Record) -> RecordData:
    record = Indexed(record)
    data = RecordData()
    cn = record.get("001")
    data.control_number = clean(cn.data if cn is not None else "", 60)
    data.format = format_of(str(record.leader))

    titles, latin_titles = _split_scripts(record, "200")
    sets = [
        title for tag in ("461", "462") for fld in record.get_fields(tag) if (title := _linked_title(fld))
    ]
    if titles:
        t = titles[0]
        data.title = _title(t, sets)
        data.subtitle = sub(t, "e")
        data.responsibility = sub(t, "f", "g", sep=" ; ")
        twin = latin_titles.get(_link(t))
        if twin is not None:
            data.title_romanized = sub(twin, "a")
            data.parallel.append(
                {"tag": "200", "vernacular": sub(t, "a", "e"), "romanized": sub(twin, "a", "e")}
            )
        if sub(t, "d"):
            data.parallel.append(
                {"tag": "200", "vernacular": data.title, "romanized": "", "parallel_title": sub(t, "d")}
            )
    if not data.title:
        data.warnings.append("no_title")
    data.edition = sub(first(record, "205"), "a", "b")[:200]
    pub = first(record, "210", "214")
    if pub is not None:
        data.place = sub(pub, "a", sep=" ; ")[:200]
        data.publisher = sub(pub, "c", sep=" ; ")[:300]
        data.year = year_of(sub(pub, "d"))
    f100 = sub(first(record, "100"), "a")
    if data.year is None and len(f100) >= 13:
        data.year = year_of(f100[9:13])
    data.language = language_code(sub(first(record, "101"), "a")[:3])
    for fld in record.get_fields("010"):
        data.isbn13, data.isbn10 = isbn_pair(sub(fld, "a"))
        if data.isbn13:
            break
    data.series = sub(first(record, "225"), "a", "v", sep=" ; ")[:300]
    if not data.series and titles and sets and sets[-1] not in data.title:
        # A volume with its own title: the set it belongs to, with the volume, as its series.
        link = (record.get_fields("462") or record.get_fields("461"))[0]
        data.series = clean(" ; ".join(p for p in (sets[-1], sub(link, "v")) if p), 300)
    data.physical_description = sub(first(record, "215"), "a", "c", "d")[:300]
    data.notes = "\n".join(
        clean(note, 2000) for f in record.get_fields("300", "327", "330") if (note := sub(f, "a"))
    )

    for tag in PERSON_TAGS + BODY_TAGS:
        fields, latin = _split_scripts(record, tag)
        for fld in fields:
            name = _person(fld) if tag in PERSON_TAGS else sub(fld, "a", "b")
            if not name:
                continue
            twin = latin.get(_link(fld))
            other = (_person(twin) if tag in PERSON_TAGS else sub(twin, "a", "b")) if twin is not None else ""
            codes = [s.value for s in fld.subfields if s.code == "4"]
            default = "other" if tag in ("702", "712") else "author"
            data.contributors.append((name[:300], other[:300], role_of(codes, [], default)))
            if other:
                data.parallel.append({"tag": tag, "vernacular": name, "romanized": other})
    for fld in record.get_fields(*SUBJECT_TAGS):
        heading = " -- ".join([c for s in fld.subfields if s.code in "abjxyz" and (c := clean(s.value))])
        if heading and heading not in data.subjects:
            data.subjects.append(heading[:300])
    for tag, scheme in (("675", "udc"), ("676", "ddc"), ("690", "clc")):
        for fld in record.get_fields(tag):
            if sub(fld, "a"):
                data.classifications.append((scheme, sub(fld, "a")[:100]))
    for fld in record.get_fields("686"):
        source = sub(fld, "2").lower()
        scheme = (
            "bbk"
            if "bbk" in source or re.search(r"lbc|ббк", source)
            else "clc"
            if "clc" in source
            else "other"
        )
        if sub(fld, "a"):
            data.classifications.append((scheme, sub(fld, "a")[:100]))
    return data


def is_unimarc(record: pymarc.Record) -> bool:
    """UNIMARC keeps its title in 200 (MARC21 uses 245 and gives 200 no meaning)."""
    return record.get("245") is None and record.get("200") is not None

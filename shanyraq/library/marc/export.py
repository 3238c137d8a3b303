"""Records out: MARC21 (ISO 2709 and MARCXML, UTF-8) and Dublin Core (oai_dc).

Export is built from our fields, whatever flavour came in, so a UNIMARC record from Almaty
leaves as MARC21 a partner in Beijing can load. The original file stays available unchanged
(`Record.marc_raw` / `marc_xml`). A romanized title goes to 245 with the vernacular in 880.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring  # noqa: S405 - building only

import pymarc

from shanyraq.library.models import Record

FORMAT_LEADER = {
    "book": "am",
    "serial": "as",
    "score": "cm",
    "audio": "jm",
    "video": "gm",
    "map": "em",
    "other": "am",
}
RELATOR = {"editor": "edt", "translator": "trl", "illustrator": "ill", "compiler": "com", "author": "aut"}
SCHEME_TAG = {
    "udc": ("080", ""),
    "ddc": ("082", ""),
    "lcc": ("050", ""),
    "clc": ("084", "clc"),
    "bbk": ("084", "rubbk"),
    "other": ("084", "local"),
}


def _sf(*pairs: tuple[str, str]) -> list[pymarc.Subfield]:
    return [pymarc.Subfield(code=c, value=v) for c, v in pairs if v]


PARTIAL_YEAR = re.compile(r"(?<![0-9])(1[0-9]|20)[0-9?u\-]{2}(?![0-9])")


def date_fields(year: int | None, published: str = "") -> str:
    """008/06-14 (type of date, Date 1, Date 2) by MARC 21's rules, never "s" with a blank Date 1:
    "s" and the year when it is known; "s" with "u" for the unknown digits of a partly known one
    found in the publication statement ("[19--]" -> "s19uu"); otherwise "n" (dates unknown),
    both dates "uuuu"."""
    if year:
        return f"s{year:04d}    "
    m = PARTIAL_YEAR.search(published or "")
    if m:
        return "s" + m.group(0).replace("?", "u").replace("-", "u") + "    "
    return "nuuuuuuuu"


def _published(record: Record) -> str:
    """The date as the original record printed it (260/264 $c, UNIMARC 210/214 $d), for a record
    whose year could not be read as a number."""
    from shanyraq.library.marc.reader import stored_record

    if not record.pk:
        return ""
    raw, xml = Record.objects.filter(pk=record.pk).values_list("marc_raw", "marc_xml").get()
    marc = stored_record(raw, xml)
    if marc is None:
        return ""
    found = [s.value for f in marc.get_fields("260", "264") for s in f.subfields if s.code == "c"]
    found += [s.value for f in marc.get_fields("210", "214") for s in f.subfields if s.code == "d"]
    return " ".join(found)


def to_marc21(record: Record, *, base_url: str = "") -> pymarc.Record:
    r = pymarc.Record(force_utf8=True)
    kind = FORMAT_LEADER.get(record.format, "am")
    r.leader = pymarc.Leader(f"00000n{kind} a2200000 i 4500")
    r.add_field(pymarc.Field(tag="001", data=record.control_number or f"KCCB{record.pk}"))
    created = record.created_at.strftime("%y%m%d") if record.created_at else "000000"
    lang = (record.language or "und").ljust(3)[:3]
    dates = date_fields(record.year, "" if record.year else _published(record))
    r.add_field(pymarc.Field(tag="008", data=f"{created}{dates}xx            000 0 {lang} d"))
    if record.isbn13:
        r.add_field(pymarc.Field(tag="020", indicators=[" ", " "], subfields=_sf(("a", record.isbn13))))
    if record.isbn10:
        r.add_field(pymarc.Field(tag="020", indicators=[" ", " "], subfields=_sf(("a", record.isbn10))))
    for c in record.classifications.all():
        tag, source = SCHEME_TAG.get(c.scheme, ("084", "local"))
        r.add_field(
            pymarc.Field(tag=tag, indicators=[" ", " "], subfields=_sf(("a", c.number), ("2", source)))
        )
    contributors = list(record.contributors.all())
    main = next((c for c in contributors if c.role == "author"), None)
    links: list[tuple[str, str, pymarc.Field]] = []
    occurrence = 0

    def linked(tag: str, ind: list[str], pairs_main, pairs_vernacular):
        """Add a field; if it has a vernacular twin, link it to an 880 by $6."""
        nonlocal occurrence
        if pairs_vernacular:
            occurrence += 1
            occ = f"{occurrence:02d}"
            r.add_field(
                pymarc.Field(tag=tag, indicators=ind, subfields=_sf(("6", f"880-{occ}"), *pairs_main))
            )
            links.append(
                (
                    tag,
                    occ,
                    pymarc.Field(
                        tag="880", indicators=ind, subfields=_sf(("6", f"{tag}-{occ}"), *pairs_vernacular)
                    ),
                )
            )
        else:
            r.add_field(pymarc.Field(tag=tag, indicators=ind, subfields=_sf(*pairs_main)))

    if main is not None:
        if main.name_parallel:
            linked(
                "100", ["1", " "], [("a", main.name_parallel), ("4", "aut")], [("a", main.name), ("4", "aut")]
            )
        else:
            linked("100", ["1", " "], [("a", main.name), ("4", "aut")], None)
    if record.title_romanized:
        linked(
            "245",
            ["1" if main else "0", "0"],
            [("a", record.title_romanized)],
            [("a", record.title), ("b", record.subtitle), ("c", record.responsibility)],
        )
    else:
        linked(
            "245",
            ["1" if main else "0", "0"],
            [("a", record.title), ("b", record.subtitle), ("c", record.responsibility)],
            None,
        )
    if record.edition:
        r.add_field(pymarc.Field(tag="250", indicators=[" ", " "], subfields=_sf(("a", record.edition))))
    if record.place or record.publisher or record.year:
        r.add_field(
            pymarc.Field(
                tag="264",
                indicators=[" ", "1"],
                subfields=_sf(("a", record.place), ("b", record.publisher), ("c", str(record.year or ""))),
            )
        )
    if record.physical_description:
        r.add_field(
            pymarc.Field(tag="300", indicators=[" ", " "], subfields=_sf(("a", record.physical_description)))
        )
    if record.series:
        r.add_field(pymarc.Field(tag="490", indicators=["0", " "], subfields=_sf(("a", record.series))))
    for line in filter(None, (record.notes or "").splitlines()):
        r.add_field(pymarc.Field(tag="500", indicators=[" ", " "], subfields=_sf(("a", line))))
    for s in record.subjects.all():
        r.add_field(pymarc.Field(tag="650", indicators=[" ", "4"], subfields=_sf(("a", s.heading))))
    for c in contributors:
        if c is main:
            continue
        role = [("e", c.role), ("4", RELATOR.get(c.role, "ctb"))]
        if c.name_parallel:
            linked("700", ["1", " "], [("a", c.name_parallel), *role], [("a", c.name), *role])
        else:
            linked("700", ["1", " "], [("a", c.name), *role], None)
    if base_url:
        r.add_field(
            pymarc.Field(
                tag="856",
                indicators=["4", "0"],
                subfields=_sf(("u", f"{base_url}/library/records/{record.pk}/")),
            )
        )
    for _tag, _occ, fld in links:
        r.add_field(fld)
    return r


def iso2709(records: Iterable[Record], **kw) -> bytes:
    out = io.BytesIO()
    writer = pymarc.MARCWriter(out)
    for record in records:
        writer.write(to_marc21(record, **kw))
    return out.getvalue()


def marcxml(records: Iterable[Record], **kw) -> bytes:
    out = io.BytesIO()
    writer = pymarc.XMLWriter(out)
    for record in records:
        writer.write(to_marc21(record, **kw))
    writer.close(close_fh=False)
    return out.getvalue()


DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
register_namespace("dc", DC)
register_namespace("oai_dc", OAI_DC)


def dublin_core(record: Record, *, base_url: str = "") -> bytes:
    root = Element(f"{{{OAI_DC}}}dc")

    def add(name: str, value: str) -> None:
        if value:
            SubElement(root, f"{{{DC}}}{name}").text = value

    add("title", record.title)
    if record.title_romanized:
        add("title", record.title_romanized)
    for c in record.contributors.all():
        add("creator" if c.role == "author" else "contributor", c.name)
    add("publisher", record.publisher)
    add("date", str(record.year or ""))
    add("language", record.language)
    add("type", "Text" if record.format in ("book", "serial") else record.format)
    add("format", record.physical_description)
    for s in record.subjects.all():
        add("subject", s.heading)
    add("description", record.notes)
    if record.isbn13:
        add("identifier", f"urn:isbn:{record.isbn13}")
    if base_url:
        add("identifier", f"{base_url}/library/records/{record.pk}/")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(
        root, encoding="utf-8", xml_declaration=False
    )

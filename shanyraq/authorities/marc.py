"""MARC21 authority records in and out through pymarc (decision 026).

Out: leader type "z"; 001 control number; 040 $b eng; 1XX (100 person, 110 body, 151 place,
130 work) the English preferred form with $d dates; 4XX every variant form; 670 the source of
each variant ($a source, $b the form it gave); 680 the English note; 5XX see-also with $0 the
related record's control number; 7XX ind2 7 with $2 "shanyraq-<lang>" the preferred form in
each other language (zh-hans, kk, ru), so a round trip keeps all four.

In: the same, plus what other agencies publish: 880 linked fields (their $6 names the field they
stand beside and the script), a 1XX in another language (040 $b tells which), 111/150/155
headings. Reading goes through the library's tolerant reader (ISO 2709 in any encoding, MARCXML,
MARC-in-JSON): a broken record is reported and skipped, never the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pymarc
from django.core.exceptions import ValidationError
from django.db import transaction

from shanyraq.authorities.models import Authority, Key
from shanyraq.authorities.scripts import LATIN, detect_script, script_of_marc_code
from shanyraq.authorities.services import (
    LANGS,
    AuthorityData,
    VariantData,
    authority_create,
    authority_update,
    relation_add,
)
from shanyraq.library.marc import reader
from shanyraq.search.normalizer import phrase

HEADING_TAGS = {"100": "person", "110": "organisation", "111": "organisation", "151": "place", "130": "work"}
KIND_TAGS = {"person": "00", "organisation": "10", "place": "51", "work": "30"}
LANG_SOURCE = "shanyraq-"  # 7XX $2 prefix: shanyraq-zh-hans, shanyraq-kk, shanyraq-ru
CATALOGUING_LANGS = {"eng": "en", "rus": "ru", "kaz": "kk", "chi": "zh_hans", "zho": "zh_hans"}
_TRAILING = re.compile(r"[\s,.;:/]+$")


def _sf(*pairs: tuple[str, str]) -> list[pymarc.Subfield]:
    return [pymarc.Subfield(code=c, value=v) for c, v in pairs if v]


def control_number(authority: Authority) -> str:
    return authority.control_number or f"shanyraq-a{authority.pk}"


def to_marc(authority: Authority) -> pymarc.Record:
    record = pymarc.Record(force_utf8=True, leader="00000nz  a2200000n  4500")  # z: authority; a: UTF-8
    record.add_field(pymarc.Field(tag="001", data=control_number(authority)))
    record.add_field(pymarc.Field(tag="008", data="|| anznnbabn          |a aaa      ".ljust(40)[:40]))
    record.add_field(
        pymarc.Field(tag="040", indicators=[" ", " "], subfields=_sf(("a", "shanyraq"), ("b", "eng")))
    )
    t = KIND_TAGS[authority.kind]
    ind1 = "1" if authority.kind == "person" else ("2" if authority.kind == "organisation" else " ")
    ind1 = "0" if authority.kind == "work" else ind1
    heading = authority.name_en or str(authority)
    record.add_field(
        pymarc.Field(
            tag="1" + t, indicators=[ind1, " "], subfields=_sf(("a", heading), ("d", authority.dates))
        )
    )
    variants = list(authority.variants.all())
    for v in variants:
        record.add_field(pymarc.Field(tag="4" + t, indicators=[ind1, " "], subfields=_sf(("a", v.text))))
    for rel in authority.relations.select_related("related"):
        rt = KIND_TAGS[rel.related.kind]
        record.add_field(
            pymarc.Field(
                tag="5" + rt,
                indicators=[" ", " "],
                subfields=_sf(
                    ("a", rel.related.name_en or str(rel.related)),
                    ("i", rel.note),
                    ("0", control_number(rel.related)),
                ),
            )
        )
    for v in variants:
        if v.source:
            record.add_field(
                pymarc.Field(tag="670", indicators=[" ", " "], subfields=_sf(("a", v.source), ("b", v.text)))
            )
    if authority.note_en:
        record.add_field(
            pymarc.Field(tag="680", indicators=[" ", " "], subfields=_sf(("i", authority.note_en)))
        )
    for lang in LANGS:
        if lang == "en":
            continue
        value = getattr(authority, f"name_{lang}") or ""
        if value:
            code = LANG_SOURCE + lang.replace("_", "-")
            record.add_field(
                pymarc.Field(tag="7" + t, indicators=[ind1, "7"], subfields=_sf(("a", value), ("2", code)))
            )
    return record


def iso2709(authorities: Iterable[Authority]) -> bytes:
    out = io.BytesIO()
    writer = pymarc.MARCWriter(out)
    for a in authorities:
        writer.write(to_marc(a))
    return out.getvalue()


def marcxml(authorities: Iterable[Authority]) -> bytes:
    out = io.BytesIO()
    writer = pymarc.XMLWriter(out)
    for a in authorities:
        writer.write(to_marc(a))
    writer.close(close_fh=False)
    return out.getvalue()


def export_queryset():
    return Authority.objects.prefetch_related("variants", "relations__related").order_by("pk")


# --- import -------------------------------------------------------------------------------------


@dataclass
class Parsed:
    data: AuthorityData
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (control number, name, note)


def _text(f: pymarc.Field, codes: str = "abcdqt") -> str:
    parts = [sf.value for sf in f.subfields if sf.code in codes and sf.value]
    return _TRAILING.sub("", " ".join(" ".join(parts).split()))


def _sub(f: pymarc.Field, code: str) -> str:
    values = f.get_subfields(code)
    return values[0].strip() if values else ""


def parse(record: pymarc.Record) -> Parsed:
    """pymarc authority record → AuthorityData; ValueError with a reason when it is no authority."""
    headings = list(record.get_fields(*HEADING_TAGS))
    if not headings:
        raise ValueError("no 1XX heading (100, 110, 111, 130 or 151)")
    head = headings[0]
    kind = HEADING_TAGS[head.tag]
    t = head.tag[1:]
    names: dict[str, str] = {}
    name = _text(head, "abcqt")
    if not name:
        raise ValueError(f"empty heading in {head.tag}")
    f040 = record.get("040")
    cataloguing = CATALOGUING_LANGS.get(_sub(f040, "b"), "") if f040 is not None else ""
    script = detect_script(name)
    lang = cataloguing or ("en" if script == LATIN else {"Cyrl": "ru", "Hani": "zh_hans"}.get(script, "en"))
    names[lang] = name
    variants: list[VariantData] = []
    sources: dict[str, str] = {}
    for f in record.get_fields("670"):
        if _sub(f, "b"):
            sources[_sub(f, "b")] = _sub(f, "a")
    for f in record.get_fields("7" + t, "700", "710", "751", "730"):
        code = _sub(f, "2")
        if code.startswith(LANG_SOURCE):
            other = code[len(LANG_SOURCE) :].replace("-", "_")
            if other in LANGS and _text(f, "abcqt"):
                names.setdefault(other, _text(f, "abcqt"))
    for f in record.get_fields("400", "410", "411", "430", "451"):
        if _text(f, "abcqt"):
            variants.append(VariantData(_text(f, "abcqt"), ""))
    for f in record.get_fields("880"):
        linkage = _sub(f, "6")  # "400-01/(N" : the field it stands beside, then the script
        tag = linkage[:3]
        if tag[:1] in {"1", "4"} and _text(f, "abcqt"):
            script_code = linkage.split("/", 1)[1] if "/" in linkage else ""
            variants.append(
                VariantData(_text(f, "abcqt"), "", script_of_marc_code(script_code.split("/")[0]))
            )
    for v in variants:
        v.source = sources.get(v.text, "") or v.source
    related = []
    for f in record.get_fields("500", "510", "511", "530", "551"):
        related.append((_sub(f, "0"), _text(f, "abcqt"), _sub(f, "i")))
    f001 = record.get("001")
    dates = _sub(head, "d").rstrip(",.")
    note = next((_sub(f, "i") or _sub(f, "a") for f in record.get_fields("680")), "")
    return Parsed(
        AuthorityData(
            kind=kind,
            names=names,
            dates=dates,
            notes={"en": note} if note else {},
            control_number=(f001.data.strip() if f001 is not None and f001.data else ""),
            variants=variants,
        ),
        related,
    )


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)  # one line per bad record or unresolved link

    @property
    def bad(self) -> int:
        return len(self.problems)


def _save(data: AuthorityData) -> tuple[Authority, bool]:
    existing = (
        Authority.objects.filter(control_number=data.control_number).first() if data.control_number else None
    )
    if existing is not None:
        return authority_update(existing, data), False
    return authority_create(data), True


def _resolve(number: str, name: str) -> Authority | None:
    if number:
        found = Authority.objects.filter(control_number=number).first()
        if found is not None:
            return found
        if number.startswith("shanyraq-a") and number[10:].isdigit():
            found = Authority.objects.filter(pk=int(number[10:]), control_number="").first()
            if found is not None:
                return found
    ids = (
        list(Key.objects.filter(key=phrase(name)).values_list("authority_id", flat=True)[:2]) if name else []
    )
    return Authority.objects.get(pk=ids[0]) if len(ids) == 1 else None


def import_authorities(data: bytes) -> ImportReport:
    """Create or update (by 001) every readable authority record; see-also links are resolved
    after all records are in, since a file may name a record before it holds it."""
    report = ImportReport()
    pending: list[tuple[Authority, list[tuple[str, str, str]], int]] = []
    for entry in reader.read(data):
        where = f"record {entry.number}" + (f" ({entry.control_number})" if entry.control_number else "")
        if entry.error or entry.record is None:
            report.problems.append(f"{where}: {entry.error or 'unreadable'} {entry.detail}".strip())
            continue
        try:
            parsed = parse(entry.record)
            with transaction.atomic():
                authority, created = _save(parsed.data)
        except (ValueError, ValidationError) as exc:
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            report.problems.append(f"{where}: {detail}")
            continue
        except Exception as exc:  # one bad record never stops a file; the line says which and why
            report.problems.append(f"{where}: {type(exc).__name__}: {exc}")
            continue
        report.created += created
        report.updated += not created
        if parsed.related:
            pending.append((authority, parsed.related, entry.number))
    for authority, related, number in pending:
        for control, name, note in related:
            other = _resolve(control, name)
            if other is None or other.pk == authority.pk:
                report.problems.append(f"record {number}: see-also {name or control!r} not found")
                continue
            relation_add(authority, other, note)
    return report

"""Curators' imports from CSV and XLSX (column set: docs/collection/import.md).

Two passes: every row is checked first and every problem is reported (row, column, value,
reason, in the user's language); only a clean file is written, in one transaction.
Re-importing updates artifacts by accession number. Cell text is stored as text: nothing is
evaluated, so a cell starting with =, +, - or @ stays exactly what the curator typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.collection.conf import IMPORT_MAX_UNPACKED_BYTES, import_max_rows
from shanyraq.collection.models import Artifact, Term
from shanyraq.collection.services.indexing import artifacts_index
from shanyraq.collection.years import YearError, parse_years
from shanyraq.core import languages
from shanyraq.core.services import audit_record
from shanyraq.core.tables import FileFormatError, read_table
from shanyraq.search.services import search_index_after_import

TRANSLATED = [
    "title",
    "object_name",
    "description",
    "label_text",
    "display_date",
    "culture",
    "place_of_origin",
    "credit_line",
]
SUFFIXES = [languages.field_suffix(c) for c in languages.codes()]
TEXT = {f"{name}_{suffix}": 2000 for name in TRANSLATED for suffix in SUFFIXES}
TEXT.update(
    {
        "dimensions_note": 500,
        "inscriptions": 5000,
        "provenance": 5000,
        "rights_statement": 300,
        "source": 40,
        "source_url": 200,
    }
)
LIMITS = {
    f"{n}_{s}": (
        300
        if n == "title"
        else 200
        if n in ("object_name", "culture", "place_of_origin")
        else 120
        if n == "display_date"
        else 300
        if n == "credit_line"
        else 20000
    )
    for n in TRANSLATED
    for s in SUFFIXES
}
TERM_ONE = {
    "category": Term.Vocabulary.CATEGORY,
    "period": Term.Vocabulary.PERIOD,
    "object_type": Term.Vocabulary.OBJECT_TYPE,
}
TERM_MANY = {"materials": Term.Vocabulary.MATERIAL, "techniques": Term.Vocabulary.TECHNIQUE}
DECIMALS = ["height", "width", "depth", "diameter", "weight_g"]
COLUMNS = [
    "accession_number",
    *TEXT,
    *TERM_ONE,
    *TERM_MANY,
    "earliest_year",
    "latest_year",
    *DECIMALS,
    "unit",
    "number_of_parts",
    "published",
]
TRUE = {"1", "yes", "y", "true", "да", "иә", "ия", "是", "x"}
FALSE = {"", "0", "no", "n", "false", "нет", "жоқ", "否"}


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as {column: text}; row numbers are the spreadsheet's (header = 1). At most
    conf.import_max_rows() rows below the header; a longer file is refused, read no further."""
    header, rows = read_table(data, filename, limit=import_max_rows(), max_unpacked=IMPORT_MAX_UNPACKED_BYTES)
    if "accession_number" not in header:
        raise FileFormatError(_("The first row must name the columns; accession_number is missing."))
    return rows


class _Terms:
    """Look terms up by short name or by their name in any language, case-insensitively."""

    def __init__(self):
        self.by_vocab: dict[str, dict[str, Term]] = {}
        for term in Term.objects.all():
            keys = {term.slug, *languages.as_dict(term, "name").values()}
            for key in keys:
                if key:
                    self.by_vocab.setdefault(term.vocabulary, {})[key.strip().lower()] = term

    def get(self, vocabulary: str, text: str) -> Term | None:
        return self.by_vocab.get(vocabulary, {}).get(text.strip().lower())


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]


def _clean_row(raw: dict[str, str], rownum: int, terms: _Terms, errors: list[RowError]) -> dict[str, Any]:
    def err(column: str, value: str, message: str) -> None:
        errors.append(RowError(rownum, column, value, message))

    out: dict[str, Any] = {"fields": {}, "m2m": {}}
    get = lambda col: (raw.get(col) or "").strip()  # noqa: E731
    number = get("accession_number")
    if not number:
        err("accession_number", "", _("The accession number is required."))
    elif len(number) > 60 or "/" in number:
        err("accession_number", number, _("An accession number has at most 60 characters and no slash."))
    out["accession_number"] = number
    if not any(get(f"title_{s}") for s in SUFFIXES):
        err("title_en", "", _("Give a title in at least one language."))
    for col in TEXT:
        value = raw.get(col)
        if value is None:
            continue
        value = value.strip()
        limit = LIMITS.get(col, TEXT[col])
        if len(value) > limit:
            err(col, value[:40], _("Longer than %(limit)s characters.") % {"limit": limit})
        out["fields"][col] = value
    for col, vocabulary in TERM_ONE.items():
        if col in raw:
            value = get(col)
            term = terms.get(vocabulary, value) if value else None
            if value and term is None:
                err(
                    col,
                    value,
                    _("Unknown term; use a term of the %(vocabulary)s vocabulary.") % {"vocabulary": col},
                )
            out["fields"][col] = term
    for col, vocabulary in TERM_MANY.items():
        if col in raw:
            found = []
            for part in _split(get(col)):
                term = terms.get(vocabulary, part)
                if term is None:
                    err(
                        col,
                        part,
                        _("Unknown term; use a term of the %(vocabulary)s vocabulary.") % {"vocabulary": col},
                    )
                else:
                    found.append(term)
            out["m2m"][col] = found
    years: dict[str, int] = {}
    for col, index in (("earliest_year", 0), ("latest_year", 1)):
        value = get(col)
        if value:
            try:
                years[col] = parse_years(value)[index]
            except YearError:
                err(
                    col,
                    value,
                    _("Not a year we can read; write for example 1850, -500, 500 BCE or 5th century BC."),
                )
        if col in raw:
            out["fields"][col] = years.get(col)
    if "earliest_year" in years and "latest_year" in years and years["earliest_year"] > years["latest_year"]:
        err("latest_year", get("latest_year"), _("The latest year is before the earliest year."))
    for col in DECIMALS:
        value = get(col).replace(",", ".")
        if col in raw:
            try:
                number_value = Decimal(value) if value else None
                if number_value is not None and (
                    number_value < 0 or not number_value.is_finite() or number_value >= 10**7
                ):
                    raise InvalidOperation
                out["fields"][col] = number_value
            except InvalidOperation:
                err(col, get(col), _("Not a positive number."))
    if "unit" in raw:
        unit = get("unit").lower() or "cm"
        if unit not in Artifact.Unit.values:
            err("unit", get("unit"), _("Use cm, mm or m."))
        out["fields"]["unit"] = unit
    if "number_of_parts" in raw:
        value = get("number_of_parts") or "1"
        if not value.isdigit() or not 1 <= int(value) <= 10000:
            err("number_of_parts", value, _("Not a whole number of parts."))
        else:
            out["fields"]["number_of_parts"] = int(value)
    if "published" in raw:
        value = get("published").lower()
        if value in TRUE:
            out["fields"]["published"] = True
        elif value in FALSE:
            out["fields"]["published"] = False
        else:
            err("published", get("published"), _("Write yes or no."))
    return out


def artifacts_import(*, actor, rows: list[dict[str, str]], dry_run: bool = False) -> ImportReport:
    """Check every row, then write all of them (or none) and index them in bulk."""
    report = ImportReport(rows=len(rows))
    terms = _Terms()
    cleaned = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(rows, start=2):
        unknown = sorted(set(raw) - set(COLUMNS) - {""})
        for col in unknown:
            report.errors.append(RowError(i, col, "", _("Unknown column.")))
        row = _clean_row(raw, i, terms, report.errors)
        number = row["accession_number"]
        if number in seen:
            report.errors.append(
                RowError(
                    i,
                    "accession_number",
                    number,
                    _("Accession number repeated; first used in row %(row)s.") % {"row": seen[number]},
                )
            )
        elif number:
            seen[number] = i
        cleaned.append(row)
        if len(report.errors) > 1000:
            break
    # An unknown column is reported once, not on every row.
    unique, keys = [], set()
    for e in report.errors:
        key = (e.column, e.message) if e.message == _("Unknown column.") else id(e)
        if key not in keys:
            keys.add(key)
            unique.append(e)
    report.errors = unique
    existing = dict(
        Artifact.objects.filter(accession_number__in=list(seen)).values_list("accession_number", "pk")
    )
    from shanyraq.collection.services.artifacts import NEVER_PUBLIC

    locked = set(
        Artifact.objects.filter(accession_number__in=list(existing), status__in=NEVER_PUBLIC).values_list(
            "accession_number", flat=True
        )
    )
    for i, row in enumerate(cleaned, start=2):
        if row["accession_number"] in locked and row["fields"].get("published"):
            message = _("This artifact cannot be published in its present status.")
            report.errors.append(RowError(i, "published", "yes", message))
    report.updated = sum(1 for r in cleaned if r["accession_number"] in existing)
    report.created = len(cleaned) - report.updated
    if dry_run or report.errors:
        return report
    ids = _write(actor, cleaned, existing)
    artifacts_index(ids)
    search_index_after_import(len(ids))
    report.written = True
    return report


def _insert(rows: list[dict]) -> None:
    """INSERT new artifacts with executemany: building 2,000 modeltranslation model instances for
    bulk_create costs more than the whole rest of the import."""
    if not rows:
        return
    fields = [f for f in Artifact._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now)
    translated_base = {name: [f"{name}_{s}" for s in ["en", *SUFFIXES]] for name in TRANSLATED}
    values = []
    for r in rows:
        data = dict(defaults, accession_number=r["accession_number"])
        for name, value in r["fields"].items():
            if name in TERM_ONE:
                data[f"{name}_id"] = value.pk if value is not None else None
            else:
                data[name] = value
        # The untranslated column mirrors the default language, as modeltranslation does on save.
        for base, columns in translated_base.items():
            data[base] = next((data[c] for c in columns if data.get(c)), "")
        values.append([f.get_db_prep_save(data[f.attname], connection) for f in fields])
    table = connection.ops.quote_name(Artifact._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)


def _write(actor, cleaned: list[dict], existing: dict[str, int]) -> list[int]:
    with transaction.atomic():
        new = [r for r in cleaned if r["accession_number"] not in existing]
        _insert(new)
        by_number = dict(
            Artifact.objects.filter(
                accession_number__in=[r["accession_number"] for r in cleaned]
            ).values_list("accession_number", "pk")
        )
        # Per-row UPDATE of the changed columns only: much faster than bulk_update's CASE WHEN,
        # and a re-import of an unchanged file writes nothing.
        changed_rows = [r for r in cleaned if r["accession_number"] in existing]
        columns = sorted({c for r in changed_rows for c in r["fields"]})
        current = {}
        if changed_rows and columns:
            attnames = [f"{c}_id" if c in TERM_ONE else c for c in columns]
            for values in Artifact.objects.filter(
                pk__in=[existing[r["accession_number"]] for r in changed_rows]
            ).values("pk", *attnames):
                current[values.pop("pk")] = values
        for r in changed_rows:
            pk = existing[r["accession_number"]]
            now = current.get(pk, {})
            diff = {}
            for c, v in r["fields"].items():
                key, value = (f"{c}_id", v.pk if v is not None else None) if c in TERM_ONE else (c, v)
                if now.get(key) != value:
                    diff[key] = value
            if diff:
                Artifact.objects.filter(pk=pk).update(**diff)
        for col in TERM_MANY:
            through = getattr(Artifact, col).through
            rows = [r for r in cleaned if col in r["m2m"]]
            through.objects.filter(artifact_id__in=[by_number[r["accession_number"]] for r in rows]).delete()
            through.objects.bulk_create(
                [
                    through(artifact_id=by_number[r["accession_number"]], term_id=t.pk)
                    for r in rows
                    for t in r["m2m"][col]
                ],
                batch_size=1000,
            )
        ids = list(by_number.values())
        first = Artifact.objects.get(pk=ids[0]) if ids else None
        if first is not None:
            audit_record(
                actor=actor,
                action="collection.import",
                target=first,
                created=len(new),
                updated=len(cleaned) - len(new),
                rows=len(cleaned),
            )
    return ids

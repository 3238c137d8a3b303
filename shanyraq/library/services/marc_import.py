"""Import a MARC file: read, map, find duplicates, write in bulk, index in bulk, report per record.

The report has one line per record of the file (its number in the file, its 001, what happened
and why), so a librarian can fix the source and re-import; nothing is dropped silently.
Duplicates (same ISBN-13 or same control number) are reported and left alone unless the caller
asks to merge them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shanyraq.core.services import audit_record
from shanyraq.library.marc import reader, to_data
from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Classification, Contributor, Record, Subject
from shanyraq.library.services.catalogue import catalogue_changed, document_for, record_fields, record_update
from shanyraq.search.services import index_documents

BATCH = 500

CREATED, MERGED, DUPLICATE, ERROR = "created", "merged", "duplicate", "error"
WOULD_CREATE, WOULD_MERGE = "would_create", "would_merge"

REASONS = {
    reader.TRUNCATED: _("The file ends before this record does (record length in the leader is too long)."),
    reader.BAD_LENGTH: _("The record length in the leader is not a number."),
    reader.NO_END: _("The end-of-record mark is missing where the leader says it should be."),
    reader.BAD_STRUCTURE: _("The record structure is broken (leader, directory, tag or subfield code)."),
    reader.BAD_ENCODING: _("The characters cannot be decoded in any known encoding."),
    reader.BAD_XML: _("The XML is not well formed; no record of this file could be read."),
    reader.BAD_JSON: _("This MARC-in-JSON record cannot be read."),
    reader.UNKNOWN_FORMAT: _("The file is not ISO 2709, MARCXML or MARC-in-JSON."),
    reader.NO_FIELDS: _("The record has no fields."),
    "no_title": _("The record has no title."),
    "database": _("The database refused this record (a value is too long or not allowed)."),
    "duplicate_isbn": _("A record with the same ISBN is already in the catalogue."),
    "duplicate_control": _("A record with the same control number (001) is already in the catalogue."),
    "duplicate_in_file": _("The same book appears earlier in this file."),
    "characters_replaced": _("Some characters could not be decoded and were replaced."),
    "length_corrected": _("The record length in the leader was wrong and has been corrected."),
    "MarcEightWarning": _(
        "A Chinese, Japanese or Korean character was cut short in the file; a blank replaces it."
    ),
    "read_by_separators": _("The directory was broken; the fields were read by their separators."),
}
STATUS_LABELS = {
    CREATED: _("created"),
    MERGED: _("merged"),
    DUPLICATE: _("duplicate, not imported"),
    ERROR: _("not imported"),
    WOULD_CREATE: _("would be created"),
    WOULD_MERGE: _("would be merged"),
}


@dataclass
class Line:
    number: int
    control_number: str
    status: str
    reason: str = ""
    detail: str = ""
    title: str = ""
    record_id: int | None = None
    flavour: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        return str(REASONS.get(self.reason, self.reason))

    @property
    def status_text(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def notes_text(self) -> str:
        return " ".join(str(REASONS[n]) for n in self.notes if n in REASONS)


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [(str(STATUS_LABELS[s]), n) for s, n in self.totals.items() if n]

    @property
    def totals(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUS_LABELS}


def _batches(entries: Iterator[reader.Entry]) -> Iterator[list[reader.Entry]]:
    batch = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def marc_import(
    *, data: bytes, dry_run: bool = False, merge: bool = False, is_public: bool = True, actor=None
) -> Report:
    report = Report(dry_run=dry_run)
    seen_isbn: set[str] = set()
    seen_control: set[str] = set()
    for batch in _batches(reader.read(data)):
        _import_batch(batch, report, dry_run, merge, is_public, seen_isbn, seen_control, actor)
    report.lines.sort(key=lambda line: line.number)
    if report.count(CREATED) or report.count(MERGED):
        catalogue_changed()
    if not dry_run:
        # One audit line per file (the records themselves are listed in the report).
        audit_record(actor=actor, action="record.import", target=Record(pk=0), **report.totals)
    return report


def _import_batch(batch, report, dry_run, merge, is_public, seen_isbn, seen_control, actor) -> None:
    mapped: list[tuple[reader.Entry, str, RecordData]] = []
    for entry in batch:
        if entry.record is None:
            report.lines.append(Line(entry.number, entry.control_number, ERROR, entry.error, entry.detail))
            continue
        try:
            flavour, rd = to_data(entry.record)
        except Exception as exc:  # noqa: BLE001 - a mapping failure is this record's problem only
            report.lines.append(
                Line(
                    entry.number,
                    entry.control_number,
                    ERROR,
                    reader.BAD_STRUCTURE,
                    f"{type(exc).__name__}: {exc}"[:200],
                )
            )
            continue
        if not rd.title:
            report.lines.append(Line(entry.number, entry.control_number, ERROR, "no_title"))
            continue
        mapped.append((entry, flavour, rd))
    isbns = {rd.isbn13 for _e, _f, rd in mapped if rd.isbn13}
    controls = {rd.control_number for _e, _f, rd in mapped if rd.control_number}
    # Two lookups, one per indexed column: an OR of both would scan the whole table once per batch.
    existing_isbn: dict[str, int] = {}
    existing_control: dict[str, int] = {}
    if isbns:
        for pk, isbn in Record.objects.filter(isbn13__in=isbns).values_list("pk", "isbn13").order_by("pk"):
            existing_isbn.setdefault(isbn, pk)
    if controls:
        for pk, control in (
            Record.objects.filter(control_number__in=controls)
            .values_list("pk", "control_number")
            .order_by("pk")
        ):
            existing_control.setdefault(control, pk)
    to_create: list[tuple[reader.Entry, str, RecordData, Record]] = []
    for entry, flavour, rd in mapped:
        notes = list(entry.warnings)
        notes = [n for n in notes if n in REASONS]
        line = Line(
            entry.number,
            rd.control_number or entry.control_number,
            CREATED,
            title=rd.title[:200],
            flavour=flavour,
            notes=notes,
        )
        dup_pk, why = None, ""
        if rd.isbn13 and rd.isbn13 in existing_isbn:
            dup_pk, why = existing_isbn[rd.isbn13], "duplicate_isbn"
        elif rd.control_number and rd.control_number in existing_control:
            dup_pk, why = existing_control[rd.control_number], "duplicate_control"
        elif (rd.isbn13 and rd.isbn13 in seen_isbn) or (
            rd.control_number and rd.control_number in seen_control
        ):
            why = "duplicate_in_file"
        if rd.isbn13:
            seen_isbn.add(rd.isbn13)
        if rd.control_number:
            seen_control.add(rd.control_number)
        if why:
            line.reason, line.record_id = why, dup_pk
            if merge and dup_pk:
                if not dry_run:
                    record_update(
                        record=Record.objects.get(pk=dup_pk),
                        data=rd,
                        flavour=flavour,
                        marc_raw=entry.raw,
                        marc_xml=entry.xml,
                        actor=actor,
                    )
                line.status = WOULD_MERGE if dry_run else MERGED
            else:
                line.status = DUPLICATE
            report.lines.append(line)
            continue
        if dry_run:
            line.status = WOULD_CREATE
            report.lines.append(line)
            continue
        record = Record(
            **record_fields(rd),
            marc_flavour=flavour,
            marc_raw=entry.raw,
            marc_xml=entry.xml,
            is_public=is_public,
        )
        to_create.append((line, rd, record))
        report.lines.append(line)
    if to_create:
        try:
            _write(to_create)
        except DatabaseError:
            # One bad row must not cost the batch: write the records one by one and report the failures.
            for one in to_create:
                try:
                    _write([one])
                except DatabaseError as exc:
                    line = one[0]
                    line.status, line.reason, line.detail = ERROR, "database", str(exc)[:200]
                    line.record_id = None


class _Name(NamedTuple):
    name: str
    name_parallel: str


class _Subject(NamedTuple):
    heading: str


def _write(to_create) -> None:
    """One batch: records, then their names, subjects and classes, then the index, in one transaction.

    Child rows are plain tuples sent with executemany: building a model instance per name and
    subject cost more than inserting it (see docs/benchmarks/library.md)."""
    with transaction.atomic():
        records = [r for _line, _rd, r in to_create]
        _insert_records(records)
        contributors, subjects, classes, docs = [], [], [], []
        for (line, rd, _r), record in zip(to_create, records, strict=True):
            pk = record.pk
            contributors += [(pk, n, o, r, i) for i, (n, o, r) in enumerate(rd.contributors)]
            subjects += [(pk, h) for h in rd.subjects]
            classes += [(pk, sc, num) for sc, num in rd.classifications]
            docs.append(
                document_for(
                    record, [_Name(n, o) for n, o, _r in rd.contributors], [_Subject(h) for h in rd.subjects]
                )
            )
            line.record_id = pk
        _insert(Contributor, contributors, ["record", "name", "name_parallel", "role", "order"])
        _insert(Subject, subjects, ["record", "heading"])
        _insert(Classification, classes, ["record", "scheme", "number"])
        index_documents(docs)


def _insert_records(records: list[Record]) -> None:
    """Records in one executemany with ids reserved up front.

    bulk_create compiles an INSERT per ~40 rows (SQLite's parameter limit) and prepares every field
    through the compiler; at import sizes that was a third of the import time. Ids come from the
    sequence on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write lock, so
    the highest id (and AUTOINCREMENT's counter) cannot move under us.
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        Record.objects.bulk_create(records)
        return
    table = Record._meta.db_table
    qn = connection.ops.quote_name
    fields = list(Record._meta.concrete_fields)
    now = timezone.now()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(records)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {qn(table)}")  # noqa: S608 - quoted table name
            start = cursor.fetchone()[0]
            cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            start = max(start, cursor.fetchone()[0])
            ids = list(range(start + 1, start + len(records) + 1))
        for record, pk in zip(records, ids, strict=True):
            record.pk = pk
            record.created_at = record.updated_at = now
        preps = [(f, _preparer(f, now)) for f in fields]
        rows = [tuple(prep(getattr(r, f.attname)) for f, prep in preps) for r in records]
        columns = ", ".join(qn(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {qn(table)} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def _same(value):
    return value


def _preparer(field, now):
    """How one column's value goes to the driver: most need nothing; JSON, file names and the shared
    timestamp need the field's own preparation (the timestamp once, not once per row)."""
    if isinstance(field, models.DateTimeField):
        prepared = field.get_db_prep_save(now, connection)
        return lambda _value: prepared
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.FileField):
        return lambda value: str(value or "")
    return _same


def _insert(model, rows: list[tuple], fields: list[str]) -> None:
    """executemany with the same SQL on SQLite and PostgreSQL."""
    if not rows:
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)

"""Import a MARC file: read, map, find duplicates, write in bulk, index in bulk, report per record.

The report has one line per record of the file (its number in the file, its 001, what happened
and why), so a librarian can fix the source and re-import; nothing is dropped silently.
Duplicates (same ISBN-13 or same control number) are reported and left alone unless the caller
asks to merge them.
"""

from __future__ import annotations

import contextlib
import gc
import operator
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shanyraq.core.services import audit_record
from shanyraq.library.documents import record_path
from shanyraq.library.marc import pipeline, reader
from shanyraq.library.models import Classification, Contributor, MarcImport, Record, Subject
from shanyraq.library.services.catalogue import RECORD_FIELDS, catalogue_changed, record_fields, record_update
from shanyraq.library.services.import_jobs import (
    import_job_close,
    import_job_progress,
    import_job_start,
    import_jobs_reap,
)
from shanyraq.search.services import index_rows, search_index_after_import

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
    reader.XML_ENCODING: _(
        "The XML declares a character encoding that is not known; save the file as UTF-8 and try again."
    ),
    reader.XML_TOO_DEEP: _(
        "The XML is nested far too deeply to be MARCXML; no record of this file was read."
    ),
    reader.UNREADABLE: _("The rest of the file from this record on cannot be read; it was not imported."),
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
    "marc8_escapes_lost": _(
        "Its Chinese, Japanese or Korean text lost its MARC-8 escape characters before it reached "
        "us and shows as codes like “$1…(B”; correct it from another copy of the record."
    ),
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
    job: MarcImport | None = None

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [(str(STATUS_LABELS[s]), n) for s, n in self.totals.items() if n]

    @property
    def totals(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUS_LABELS}


def marc_import(
    *,
    data: bytes,
    dry_run: bool = False,
    merge: bool = False,
    is_public: bool = True,
    actor=None,
    parallel: bool | None = None,
    file_name: str = "",
    resume: MarcImport | None = None,
) -> Report:
    """Import a file; `parallel` (default: by file size) reads and maps in helper processes while
    this one writes (see marc/pipeline.py). Each batch commits on its own, together with the
    progress of the import's `MarcImport` row (import_jobs.py), so a killed import leaves a row
    that says how far it got; `resume` (an interrupted import of the same file) continues after the
    last committed record. If this process fails, closing the batches stops the helpers."""
    report = Report(dry_run=dry_run)
    state = _State()
    job = None
    if not dry_run:
        import_jobs_reap()
        job = import_job_start(
            data=data, file_name=file_name, merge=merge, is_public=is_public, actor=actor, resume=resume
        )
        report.job = job
    skip_through = resume.done_through if resume is not None else 0
    try:
        with (
            _collector_paused(),
            contextlib.closing(
                pipeline.batches(data, is_public=is_public, size=BATCH, parallel=parallel)
            ) as batches,
        ):
            for batch in batches:
                batch = [item for item in batch if item.number > skip_through]
                if not batch:
                    continue
                if job is None:
                    _import_batch(batch, report, dry_run, merge, is_public, state, actor)
                    continue
                before = len(report.lines)
                with transaction.atomic():
                    _import_batch(batch, report, dry_run, merge, is_public, state, actor)
                    import_job_progress(
                        job, through=batch[-1].number, counts=_job_counts(report.lines[before:])
                    )
    except BaseException as exc:
        if job is not None:
            interrupted = isinstance(exc, (KeyboardInterrupt, SystemExit))
            status = MarcImport.Status.INTERRUPTED if interrupted else MarcImport.Status.FAILED
            # If the database itself is gone, the original error matters more (the row is then
            # reaped as interrupted later).
            with contextlib.suppress(DatabaseError):
                import_job_close(job, status=status, detail=f"{type(exc).__name__}: {exc}")
        raise
    report.lines.sort(key=lambda line: line.number)
    if report.count(CREATED) or report.count(MERGED):
        catalogue_changed()
        search_index_after_import(report.count(CREATED) + report.count(MERGED))
    if job is not None:
        import_job_close(job, status=MarcImport.Status.FINISHED)
        # One audit line per file (the records themselves are listed in the report).
        audit_record(actor=actor, action="record.import", target=Record(pk=0), **report.totals)
    return report


def _job_counts(lines: list[Line]) -> dict[str, int]:
    statuses = [line.status for line in lines]
    return {
        "created": statuses.count(CREATED),
        "merged": statuses.count(MERGED),
        "duplicates": statuses.count(DUPLICATE),
        "errors": statuses.count(ERROR),
    }


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for the import: each batch unpickles or builds tens
    of thousands of objects, and every burst of allocations set off collections that walked all
    live objects of the Django process (about a tenth of the writer's CPU). The import's objects
    are freed by reference counting; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _State:
    """What one import remembers across batches."""

    seen_isbn: set[str] = field(default_factory=set)
    seen_control: set[str] = field(default_factory=set)
    # Typo-tolerance words already written by a committed batch of this import: a word common to
    # many records is looked up and written once, not once per batch.
    words: set[str] = field(default_factory=set)


def _import_batch(batch: list[pipeline.Item], report, dry_run, merge, is_public, state, actor) -> None:
    mapped: list[pipeline.Item] = []
    for item in batch:
        if item.error:
            report.lines.append(Line(item.number, item.control_number, ERROR, item.error, item.detail))
        else:
            mapped.append(item)
    isbns = {item.data.isbn13 for item in mapped if item.data.isbn13}
    controls = {item.data.control_number for item in mapped if item.data.control_number}
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
    seen_isbn, seen_control = state.seen_isbn, state.seen_control
    to_create: list[tuple[Line, pipeline.Item]] = []
    for item in mapped:
        rd = item.data
        line = Line(
            item.number,
            item.control_number,
            CREATED,
            title=rd.title[:200],
            flavour=item.flavour,
            notes=[n for n in item.warnings if n in REASONS],
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
                        flavour=item.flavour,
                        marc_raw=item.raw,
                        marc_xml=item.xml,
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
        to_create.append((line, item))
        report.lines.append(line)
    if to_create:
        try:
            _write(to_create, is_public, state)
        except DatabaseError:
            # One bad row must not cost the batch: write the records one by one and report the failures.
            for one in to_create:
                try:
                    _write([one], is_public, state)
                except DatabaseError as exc:
                    line = one[0]
                    line.status, line.reason, line.detail = ERROR, "database", str(exc)[:200]
                    line.record_id = None


def _write(to_create: list[tuple[Line, pipeline.Item]], is_public: bool, state: _State) -> None:
    """One batch: records, then their names, subjects and classes, then the index, in one transaction.

    Rows are plain tuples sent with executemany: building a model instance per record, name and
    subject cost more than inserting it (see docs/benchmarks/library.md). The index rows were
    normalized by the pipeline; only the new primary key goes in here."""
    words: set[str] = set()
    with transaction.atomic():
        ids = _insert_records([item for _line, item in to_create], is_public)
        contributors, subjects, classes, entries = [], [], [], []
        for (_line, item), pk in zip(to_create, ids, strict=True):
            rd = item.data
            contributors += [(pk, n, o, r, i) for i, (n, o, r) in enumerate(rd.contributors)]
            subjects += [(pk, h) for h in rd.subjects]
            classes += [(pk, sc, num) for sc, num in rd.classifications]
            row = item.index_row
            entries.append((row[0], str(pk), row[2], row[3], record_path(pk), *row[5:]))
            words.update(item.words)
        _insert(Contributor, contributors, ["record", "name", "name_parallel", "role", "order"])
        _insert(Subject, subjects, ["record", "heading"])
        _insert(Classification, classes, ["record", "scheme", "number"])
        words -= state.words
        index_rows(entries, words)
    state.words |= words
    for (line, _item), pk in zip(to_create, ids, strict=True):
        line.record_id = pk


def _insert_records(items: list[pipeline.Item], is_public: bool) -> list[int]:
    """Records in one executemany with ids reserved up front; returns their ids.

    bulk_create compiles an INSERT per ~40 rows (SQLite's parameter limit) and prepares every field
    through the compiler; at import sizes that was a third of the import time. Ids come from the
    sequence on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write lock, so
    the highest id (and AUTOINCREMENT's counter) cannot move under us.
    """
    table = Record._meta.db_table
    qn = connection.ops.quote_name
    if connection.vendor not in ("sqlite", "postgresql"):
        records = [_record(item, is_public) for item in items]
        Record.objects.bulk_create(records)
        return [r.pk for r in records]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(items)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {qn(table)}")  # noqa: S608 - quoted table name
            start = cursor.fetchone()[0]
            cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            start = max(start, cursor.fetchone()[0])
            ids = list(range(start + 1, start + len(items) + 1))
        fields, make_row = _record_columns(is_public)
        rows = [make_row(pk, item) for pk, item in zip(ids, items, strict=True)]
        columns = ", ".join(qn(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {qn(table)} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608
    return ids


def _record(item: pipeline.Item, is_public: bool) -> Record:
    return Record(
        **record_fields(item.data),
        marc_flavour=item.flavour,
        marc_raw=item.raw,
        marc_xml=item.xml,
        is_public=is_public,
    )


def _record_columns(is_public: bool):
    """The columns of Record in the order the rows are built, and the function that builds a row
    from (pk, item): the id, the description from the mapped data (one attrgetter call; JSON
    prepared by its field), the MARC from the item, then is_public, timestamps and defaults as
    constants for the whole batch."""
    now = timezone.now()
    by_name = {f.attname: f for f in Record._meta.concrete_fields}
    plain = [n for n in RECORD_FIELDS if not isinstance(by_name[n], models.JSONField)]
    json_fields = [by_name[n] for n in RECORD_FIELDS if isinstance(by_name[n], models.JSONField)]
    fixed = ["marc_flavour", "marc_raw", "marc_xml"]
    taken = {Record._meta.pk.attname, *plain, *(f.attname for f in json_fields), *fixed}
    constant_fields, constants = [], []
    for f in Record._meta.concrete_fields:
        if f.attname in taken:
            continue
        if f.attname == "is_public":
            value = is_public
        elif isinstance(f, models.DateTimeField):
            value = now
        else:
            value = f.get_default()
            if isinstance(f, models.FileField):
                value = str(value or "")
        constant_fields.append(f)
        constants.append(f.get_db_prep_save(value, connection))
    constants = tuple(constants)
    description = operator.attrgetter(*plain)

    def make_row(pk, item) -> tuple:
        rd = item.data
        return (
            pk,
            *description(rd),
            *(f.get_db_prep_save(getattr(rd, f.attname), connection) for f in json_fields),
            item.flavour,
            item.raw,
            item.xml,
            *constants,
        )

    fields = [
        Record._meta.pk,
        *(by_name[n] for n in plain),
        *json_fields,
        *(by_name[n] for n in fixed),
        *constant_fields,
    ]
    return fields, make_row


def _insert(model, rows: list[tuple], fields: list[str]) -> None:
    """executemany with the same SQL on SQLite and PostgreSQL."""
    if not rows:
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)

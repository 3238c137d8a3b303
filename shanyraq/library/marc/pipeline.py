"""The CPU half of a MARC import: read, map and normalize for the index, batch by batch.

No Django here (no models, no database), so large files run this in a helper process while the
main process writes the previous batch: reading (pymarc), mapping and the search normalizer are
pure Python and take about as long as the database writes, so on two cores the two halves
overlap. Small files run it inline (starting a process costs more than it saves).

Every record of the file comes out as one `Item`, in file order, with either its mapped data or
an error code, so the importer can still report each record.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue as queue_module
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field

from shanyraq.library.documents import record_document
from shanyraq.library.marc import reader, to_data
from shanyraq.library.marc.common import RecordData
from shanyraq.search.rows import entry, fuzzy_candidates

# From this many bytes a file is prepared in a helper process (about 1,400 records).
PARALLEL_FROM_BYTES = 2_000_000
QUEUE_BATCHES = 4  # batches the helper may run ahead of the writer (bounds memory)


@dataclass(slots=True)
class Item:
    """One record of the file, ready for the writer."""

    number: int
    control_number: str
    error: str = ""
    detail: str = ""
    flavour: str = ""
    data: RecordData | None = None
    raw: bytes | None = None
    xml: str = ""
    warnings: list[str] = field(default_factory=list)
    # The search index row (search.rows.entry) with a placeholder id and path, filled in by the
    # writer once the record has its primary key; and the record's typo-tolerance words.
    index_row: tuple | None = None
    words: tuple[str, ...] = ()


def _item(e: reader.Entry, is_public: bool) -> Item:
    if e.record is None:
        return Item(e.number, e.control_number, error=e.error, detail=e.detail)
    try:
        flavour, rd = to_data(e.record)
    except Exception as exc:  # noqa: BLE001 - a mapping failure is this record's problem only
        return Item(
            e.number,
            e.control_number,
            error=reader.BAD_STRUCTURE,
            detail=f"{type(exc).__name__}: {exc}"[:200],
        )
    if not rd.title:
        return Item(e.number, e.control_number, error="no_title")
    doc = record_document(
        rd, [(n, o) for n, o, _role in rd.contributors], rd.subjects, pk=0, is_public=is_public
    )
    row, match = entry(doc)
    return Item(
        e.number,
        rd.control_number or e.control_number,
        flavour=flavour,
        data=rd,
        raw=e.raw,
        xml=e.xml,
        warnings=e.warnings,
        index_row=row,
        words=tuple(fuzzy_candidates(match)),
    )


def prepared_batches(data: bytes, *, is_public: bool, size: int) -> Iterator[list[Item]]:
    """Every record of the file as Items, `size` at a time (inline, in this process)."""
    batch: list[Item] = []
    for e in reader.read(data):
        batch.append(_item(e, is_public))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class HelperFailed(RuntimeError):
    """The helper process raised or died; the message carries its traceback or exit code."""


def _helper(data: bytes, is_public: bool, size: int, out) -> None:
    try:
        for batch in prepared_batches(data, is_public=is_public, size=size):
            out.put(("batch", batch))
        out.put(("done", None))
    except BaseException:  # noqa: BLE001 - handed to the main process, which raises it
        out.put(("error", traceback.format_exc()))


def _from_helper(data: bytes, *, is_public: bool, size: int) -> Iterator[list[Item]]:
    context = multiprocessing.get_context("spawn")  # no inherited database connection or threads
    out = context.Queue(maxsize=QUEUE_BATCHES)
    process = context.Process(target=_helper, args=(data, is_public, size, out), daemon=True)
    process.start()
    try:
        while True:
            try:
                kind, payload = out.get(timeout=1.0)
            except queue_module.Empty:
                if not process.is_alive():
                    raise HelperFailed(f"MARC import helper exited with code {process.exitcode}") from None
                continue
            if kind == "done":
                return
            if kind == "error":
                raise HelperFailed(payload)
            yield payload
    finally:
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        with contextlib.suppress(Exception):
            out.close()
            out.join_thread()


def batches(data: bytes, *, is_public: bool, size: int, parallel: bool | None = None) -> Iterator[list[Item]]:
    """Items of the file in batches; `parallel=None` uses a helper process for large files."""
    if parallel is None:
        parallel = len(data) >= PARALLEL_FROM_BYTES
    if parallel:
        return _from_helper(data, is_public=is_public, size=size)
    return prepared_batches(data, is_public=is_public, size=size)

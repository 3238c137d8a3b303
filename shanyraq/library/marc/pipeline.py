"""The CPU half of a MARC import: read, map and normalize for the index, batch by batch.

No Django here (no models, no database), so large files run this in helper processes while the
main process writes: reading (pymarc), mapping and the search normalizer are pure Python and
cost about twice the database writes, so two helpers take turns over consecutive parts of the
file (cut at record starts when the file is clean, see reader.record_starts; the main process
prepares the first parts itself while the helpers start) and the main process writes their
batches in file order. A file that cannot be cut safely goes to one helper whole.
Small files run inline (starting processes costs more than it saves).

Every record of the file comes out as one `Item`, in file order, with either its mapped data or
an error code, so the importer can still report each record.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import queue as queue_module
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from typing import NamedTuple

from shanyraq.library.documents import record_document
from shanyraq.library.marc import reader, to_data
from shanyraq.library.marc.common import RecordData
from shanyraq.search.rows import entry, fuzzy_candidates

# From this many bytes a file is prepared in helper processes (about 1,400 records).
PARALLEL_FROM_BYTES = 2_000_000
HELPERS = 2  # with the main process writing, three processes share the two cores
PART_BATCHES = 2  # a helper prepares this many batches of consecutive records, then the other takes over
INLINE_PARTS = 2  # parts the main process prepares itself while the helpers start (2,000 records)
QUEUE_BATCHES = 2 * PART_BATCHES + 2  # how far a helper may run ahead of the writer (bounds memory)


class Item(NamedTuple):
    """One record of the file, ready for the writer (a tuple: it crosses the process boundary
    once per record, and tuples pickle and unpickle fastest)."""

    number: int
    control_number: str
    error: str = ""
    detail: str = ""
    flavour: str = ""
    data: RecordData | None = None
    raw: bytes | None = None
    xml: str = ""
    warnings: list[str] | tuple[str, ...] = ()
    # The search index row (search.rows.entry) with a placeholder id and path, filled in by the
    # writer once the record has its primary key; and the record's typo-tolerance words.
    index_row: tuple | None = None
    words: tuple[str, ...] = ()


def _without_nul(record) -> bool:
    """Drop NUL characters from the record's text (no database text column can hold them:
    PostgreSQL refuses the row); True if there were any."""
    found = False
    for fld in record.fields:
        if fld.control_field:
            if "\x00" in fld.data:
                fld.data, found = fld.data.replace("\x00", ""), True
        elif any("\x00" in sf.value or "\x00" in sf.code for sf in fld.subfields):
            fld.subfields = [
                sf._replace(code=sf.code.replace("\x00", ""), value=sf.value.replace("\x00", ""))
                for sf in fld.subfields
            ]
            found = True
    return found


def _item(e: reader.Entry, is_public: bool) -> Item:
    if e.record is None:
        return Item(e.number, e.control_number, error=e.error, detail=e.detail)
    if (b"\x00" in e.raw if e.raw else "\x00" in e.xml or e.xml == "") and _without_nul(e.record):
        e.warnings = [*e.warnings, "characters_replaced"]
    if reader.record_lost_escapes(e.record):
        e.warnings = [*e.warnings, "marc8_escapes_lost"]
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


def prepared_batches(
    data: bytes, *, is_public: bool, size: int, part_of: tuple[str, int] | None = None
) -> Iterator[list[Item]]:
    """Every record of the file (or of a part, see reader.read) as Items, `size` at a time."""
    batch: list[Item] = []
    number = part_of[1] - 1 if part_of else 0
    entries = reader.read(data, part_of=part_of)
    while True:
        try:
            e = next(entries)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - a reader failure is this file's problem, reported
            # The rest of the file cannot be read: one error line for it, never a crash.
            detail = f"{type(exc).__name__}: {exc}"[:200]
            batch.append(Item(number + 1, "", error=reader.UNREADABLE, detail=detail))
            break
        number = e.number
        batch.append(_item(e, is_public))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent_pid: int) -> None:
    """A helper never outlives the process that writes its batches: if that one is killed
    (SIGKILL leaves no time to stop anything), the helper would otherwise stay blocked on its full
    queue for ever. On Linux the kernel kills the helper when its parent dies (PR_SET_PDEATHSIG);
    everywhere a watcher thread checks the parent every half second and exits."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class HelperFailed(RuntimeError):
    """A helper process raised or died; the message carries its traceback or exit code."""


def _helper(
    data: bytes,
    parts: list[tuple[int, int, int]],
    encoding: str,
    is_public: bool,
    size: int,
    out,
    parent_pid: int,
) -> None:
    """Prepare these parts (start, end, first record number) of the file, in order; after each
    part an "end" message, so the main process knows when to turn to the next helper."""
    _die_with_parent(parent_pid)
    gc.disable()  # a short-lived process whose objects are freed by reference counting
    try:
        for start, end, first in parts:
            for batch in prepared_batches(
                data[start:end], is_public=is_public, size=size, part_of=(encoding, first)
            ):
                out.put(("batch", batch))
            out.put(("end", None))
    except BaseException:  # noqa: BLE001 - handed to the main process, which raises it
        out.put(("error", traceback.format_exc()))


def _parts(data: bytes, size: int, helpers: int) -> list[tuple[int, int, int]] | None:
    """The file cut into parts of PART_BATCHES batches at record starts, or None if it cannot be
    cut safely (then one helper reads it all in one pass)."""
    starts = reader.record_starts(data) if helpers > 1 else None
    if not starts:
        return None
    step = size * PART_BATCHES
    bounds = starts[::step] + [len(data)]
    return [(bounds[i], bounds[i + 1], i * step + 1) for i in range(len(bounds) - 1)]


def _from_helpers(data: bytes, *, is_public: bool, size: int, helpers: int) -> Iterator[list[Item]]:
    """Batches in file order. A clean file: this process prepares the first INLINE_PARTS parts
    itself while the helpers start (a spawned helper needs about a second before its first batch),
    then two helpers take turns over the other parts. A file that cannot be cut goes to one
    helper whole."""
    parts = _parts(data, size, helpers)
    if parts is None:
        encoding, inline, parts, helpers = "", [], [(0, len(data), 1)], 1
    else:
        encoding, inline, parts = reader.iso2709_encoding(data), parts[:INLINE_PARTS], parts[INLINE_PARTS:]
    helpers = min(helpers, len(parts))
    context = multiprocessing.get_context("spawn")  # no inherited database connection or threads
    queues = [context.Queue(maxsize=QUEUE_BATCHES) for _ in range(helpers)]
    processes = []
    for k in range(helpers):
        if encoding == "":
            target, args = _whole_file_helper, (data, is_public, size, queues[k], os.getpid())
        else:
            target = _helper
            args = (data, parts[k::helpers], encoding, is_public, size, queues[k], os.getpid())
        processes.append(context.Process(target=target, args=args, daemon=True))
    for process in processes:
        process.start()
    try:
        for start, end, first in inline:
            yield from prepared_batches(
                data[start:end], is_public=is_public, size=size, part_of=(encoding, first)
            )
        for i in range(len(parts)):
            k = i % helpers
            while True:
                kind, payload = _receive(queues[k], processes[k])
                if kind == "end":
                    break
                if kind == "error":
                    raise HelperFailed(payload)
                yield payload
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)
        for out in queues:
            with contextlib.suppress(Exception):
                out.close()
                out.join_thread()


def _whole_file_helper(data: bytes, is_public: bool, size: int, out, parent_pid: int) -> None:
    """The whole file in one pass (any format, any damage), as the inline import reads it."""
    _die_with_parent(parent_pid)
    gc.disable()  # a short-lived process whose objects are freed by reference counting
    try:
        for batch in prepared_batches(data, is_public=is_public, size=size):
            out.put(("batch", batch))
        out.put(("end", None))
    except BaseException:  # noqa: BLE001 - handed to the main process, which raises it
        out.put(("error", traceback.format_exc()))


def _receive(out, process):
    while True:
        try:
            return out.get(timeout=1.0)
        except queue_module.Empty:
            if not process.is_alive():
                raise HelperFailed(f"MARC import helper exited with code {process.exitcode}") from None


def batches(data: bytes, *, is_public: bool, size: int, parallel: bool | None = None) -> Iterator[list[Item]]:
    """Items of the file in batches; `parallel=None` uses helper processes for large files."""
    if parallel is None:
        parallel = len(data) >= PARALLEL_FROM_BYTES
    if parallel:
        return _from_helpers(data, is_public=is_public, size=size, helpers=HELPERS)
    return prepared_batches(data, is_public=is_public, size=size)

"""Read MARC files of any flavour and encoding into pymarc records, one `Entry` per record.

A library's files come from many systems: MARC21 in MARC-8 or UTF-8, RUSMARC in Windows-1251,
old DOS exports in CP866, MARCXML, MARC-in-JSON. A bad record must never stop a file and must
never vanish: every record yields an Entry, with either a pymarc record or an error code.

ISO 2709 goes through pymarc's MARCReader in permissive mode; after a fatal reader error
(wrong record length, missing end-of-record) we resynchronise on the next record terminator
and start a new reader there, so one bad leader costs one record, not the rest of the file.
MARCXML is parsed with defusedxml (no DTDs, no external entities), record element by element.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, tostring  # noqa: S405 - parsing goes through defusedxml

import defusedxml.ElementTree as SafeET
import pymarc
from defusedxml import DefusedXmlException
from pymarc.exceptions import FatalReaderError
from pymarc.marc8 import marc8_to_unicode

RECORD_END = b"\x1d"
# MARCXML needs 4 levels (collection, record, datafield, subfield); an OAI-PMH envelope adds about
# 6. Deeper files are refused before the tree is built: 200,000 nested elements overflowed
# Python's recursion limit and stopped the whole import.
MAX_XML_DEPTH = 64
MARCXML_NS = "http://www.loc.gov/MARC21/slim"

# Error codes; the importer turns them into sentences in the user's language.
TRUNCATED = "truncated"
BAD_LENGTH = "bad_length"
NO_END = "no_end"
BAD_STRUCTURE = "bad_structure"
BAD_ENCODING = "bad_encoding"
BAD_XML = "bad_xml"
XML_ENCODING = "xml_encoding"
XML_TOO_DEEP = "xml_too_deep"
UNREADABLE = "unreadable"
BAD_JSON = "bad_json"
UNKNOWN_FORMAT = "unknown_format"
NO_FIELDS = "no_fields"


# "$1" ... "(B" with no ESC before them: MARC-8 CJK (EACC) text whose escape characters a tool
# stripped on the way (ESC is a control character, XML cannot hold it). It can no longer be
# decoded with certainty, so it is reported rather than guessed at.
_LOST_ESCAPES = re.compile(r"\$1[!-~]{3,}?\(B")


def lost_escapes(text: str) -> bool:
    """Whether the text still holds MARC-8 escape sequences that lost their ESC."""
    return _LOST_ESCAPES.search(text) is not None


def record_lost_escapes(record: pymarc.Record) -> bool:
    """Whether any value of the record does (`lost_escapes`)."""
    return any(
        lost_escapes(sf.value) for fld in record.fields if not fld.control_field for sf in fld.subfields
    )


class MarcEightWarning(UserWarning):
    """A MARC-8 multibyte (CJK) sequence was cut short; pymarc put a blank in its place."""


@dataclass
class Entry:
    number: int
    record: pymarc.Record | None = None
    raw: bytes | None = None
    xml: str = ""
    error: str = ""
    detail: str = ""
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def control_number(self) -> str:
        leader = (
            str(self.record.leader) if self.record is not None else (self.raw or b"")[:24].decode("latin-1")
        )
        if without_subfields(leader):
            return ""  # its 001 is whatever the old system put first (an author, in the CP866 files)
        if self.record is not None:
            f = self.record.get("001")
            if f is not None and f.data:
                return f.data.strip()
        if self.raw:
            return _raw_001(self.raw)
        return ""


def detect_format(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "marcxml"
    if head.startswith((b"{", b"[")):
        return "json"
    if head[:5].isdigit():
        return "iso2709"
    if RECORD_END in data and re.match(rb"\s*\d{5}", data):
        return "iso2709"
    return "unknown"


CYRILLIC_COMMON = set("оеаинтсрвлОЕАИНТСРВЛ")


def detect_encoding(data: bytes) -> str:
    """Guess the encoding of 8-bit records whose leader/09 is blank.

    MARC-8 uses escape sequences (ESC) for other scripts and single combining bytes before a
    base letter, so runs of three or more high bytes mean an 8-bit Cyrillic code page; which one
    is decided by how many frequent Russian letters each decoding gives.
    """
    if b"\x1b" in data:
        return "marc8"
    if not re.search(rb"[\x80-\xff]", data):
        return "marc8"
    sample = data[:2_000_000]
    text = sample.decode("utf-8", "replace")
    wide = len(re.findall(r"[^\x00-\x7f]", text))
    if text.count("\ufffd") * 10 < wide:
        return "utf-8"
    runs = re.findall(rb"[\x80-\xff]{3,}", sample)
    if len(runs) >= 2:
        sample = b" ".join(runs[:2000])
        scores = {
            enc: sum(ch in CYRILLIC_COMMON for ch in sample.decode(enc, "replace"))
            for enc in ("cp1251", "cp866")
        }
        best = max(scores, key=lambda enc: (scores[enc], enc == "cp1251"))
        if scores[best] > len(sample) // 8:
            return best
    return "marc8"


def _raw_tags(chunk: bytes) -> set[str]:
    try:
        base = int(chunk[12:17])
        directory = chunk[24 : base - 1].decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return set()
    return {directory[i : i + 3] for i in range(0, len(directory) - 11, 12)}


def _raw_001(chunk: bytes) -> str:
    try:
        base = int(chunk[12:17])
        directory = chunk[24 : base - 1].decode("ascii")
        for i in range(0, len(directory) - 11, 12):
            if directory[i : i + 3] == "001":
                length, offset = int(directory[i + 3 : i + 7]), int(directory[i + 7 : i + 12])
                return chunk[base + offset : base + offset + length - 1].decode("latin-1").strip()[:60]
    except (ValueError, UnicodeDecodeError):
        pass
    return ""


def looks_unimarc(tags: set[str]) -> bool:
    return "200" in tags and "245" not in tags


def _reader_args(encoding: str) -> dict:
    if encoding == "utf-8":
        return {"force_utf8": True, "utf8_handling": "strict"}
    if encoding == "marc8":
        return {"file_encoding": "iso8859-1"}
    return {"file_encoding": encoding}


def _parse_chunk(chunk: bytes, encoding: str) -> tuple[pymarc.Record | None, str, str, list[str]]:
    """One ISO 2709 record -> (record, error, detail, warnings); retries with lenient decoding."""
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(io.StringIO()) as err:
        warnings.simplefilter("always")
        try:
            record = pymarc.Record(data=chunk, hide_utf8_warnings=True, **_reader_args(encoding))
            error, detail = "", ""
        except UnicodeDecodeError as exc:
            record, error, detail = None, BAD_ENCODING, str(exc)[:200]
        except pymarc.exceptions.NoFieldsFound as exc:
            return None, NO_FIELDS, str(exc)[:200], notes
        except (pymarc.exceptions.PymarcException, ValueError, IndexError) as exc:
            return None, BAD_STRUCTURE, f"{type(exc).__name__}: {exc}"[:200], notes
        if record is None and encoding == "marc8":
            with contextlib.suppress(pymarc.exceptions.PymarcException, ValueError, IndexError):
                record, replaced = _marc8_value_by_value(chunk)
                notes += ["characters_replaced"] if replaced else []
                error = ""
        if record is None:
            try:
                record = pymarc.Record(
                    data=chunk, force_utf8=True, utf8_handling="replace", hide_utf8_warnings=True
                )
                notes.append("characters_replaced")
                error = ""
            except Exception as exc:  # noqa: BLE001 - any failure here is reported for this record
                return None, BAD_ENCODING, f"{detail}; {type(exc).__name__}"[:200], notes
    names = {type(w.message).__name__ for w in caught}
    if err.getvalue():  # pymarc's converter writes cut-short multibyte sequences to stderr
        names.add(MarcEightWarning.__name__)
    notes.extend(sorted(names))
    return record, error, detail, notes


def _marc8_value_by_value(chunk: bytes) -> tuple[pymarc.Record, bool]:
    """A MARC-8 record pymarc refuses whole because one value cannot be translated (an escape
    sequence cut short), translated value by value: the other values keep their characters (the
    title of a Chinese film in its 880 instead of bare EACC bytes), and only the broken ones are
    read as UTF-8 with replacements. Returns the record and whether any value was replaced."""
    record = pymarc.Record(data=chunk, to_unicode=False)
    replaced = False

    def text(value: bytes | str) -> str:
        nonlocal replaced
        raw = value if isinstance(value, bytes) else value.encode("latin-1")
        try:
            return marc8_to_unicode(raw, True)
        except UnicodeDecodeError:
            replaced = True
            return raw.decode("utf-8", "replace")

    for fld in record.fields:
        if fld.is_control_field():
            fld.data = text(fld.data)
        else:
            fld.subfields = [pymarc.Subfield(sf.code, text(sf.value)) for sf in fld.subfields]
    return record, replaced


def _decoder(encoding: str):
    if encoding == "marc8":
        return lambda b: marc8_to_unicode(b, True)
    codec = "utf-8" if encoding in ("utf-8", "") else encoding
    return lambda b: b.decode(codec, "replace")


def without_subfields(leader: str) -> bool:
    """Leader/10 (indicator count) and /11 (subfield code count) both "0": a flat record, as old
    Russian DOS systems exported them in CP866 (one value per tag, no $a). pymarc would take the
    first two letters of each value for indicators; such records are read by separators."""
    return leader[10:12] == "00"


def lenient_record(chunk: bytes, encoding: str) -> pymarc.Record:
    """Read a record whose directory offsets or lengths are wrong by trusting the separators
    instead: the directory ends at the first field terminator, then the fields follow in order
    (what ruby-marc does for the CP866 files pymarc rejects)."""
    end_dir = chunk.find(b"\x1e", 24)
    if end_dir < 24:
        raise ValueError("no directory")
    directory = chunk[24:end_dir].decode("ascii")
    tags = [directory[i : i + 3] for i in range(0, len(directory) - len(directory) % 12, 12)]
    parts = chunk[end_dir + 1 :].rstrip(b"\x1d").split(b"\x1e")
    if parts and parts[-1] == b"":
        parts.pop()
    if not tags or len(parts) != len(tags):
        raise ValueError("directory and fields disagree")
    decode = _decoder(encoding)
    record = pymarc.Record()
    leader = chunk[:24].decode("ascii", "replace")
    record.leader = pymarc.Leader(f"{min(len(chunk), 99999):05d}{leader[5:]}".ljust(24)[:24])
    flat = without_subfields(leader)
    for tag, part in zip(tags, parts, strict=True):
        if tag < "010" and tag.isdigit():
            record.add_field(pymarc.Field(tag=tag, data=decode(part)))
            continue
        if flat:
            # No indicators, no subfield codes (leader/10-11 "00"): the field is one value; it is
            # kept as $a so every other part of the system reads it like any data field.
            value = decode(part).strip()
            record.add_field(
                pymarc.Field(
                    tag=tag, indicators=pymarc.Indicators(" ", " "), subfields=[pymarc.Subfield("a", value)]
                )
            )
            continue
        head, *subs = part.split(b"\x1f")
        ind = head.decode("ascii", "replace").ljust(2)[:2]
        subfields = [
            pymarc.Subfield(code=sf[:1].decode("ascii", "replace"), value=decode(sf[1:])) for sf in subs if sf
        ]
        record.add_field(
            pymarc.Field(tag=tag, indicators=pymarc.Indicators(ind[0], ind[1]), subfields=subfields)
        )
    return record


_new = object.__new__
_tuple_new = tuple.__new__
_Subfield = pymarc.Subfield
_Indicators = pymarc.Indicators
_Field = pymarc.Field


def _fast_record(marc: bytes, force_utf8: bool, file_encoding: str) -> pymarc.Record | None:
    """What `pymarc.Record(data=marc, ...)` builds, for a well-formed record whose text is UTF-8
    (leader/09 "a" or forced) or a single-byte code page, several times faster: the same fields,
    subfields and leader, without pymarc's per-field checks and calls. None when anything is out
    of the ordinary (indicators, subfield codes, lengths, undecodable bytes, MARC-8 text): pymarc
    itself then reads the record, with its warnings and errors (test_marc_reader compares both
    on every shared file)."""
    try:
        leader = marc[:24].decode("ascii")
        if len(leader) != 24:
            return None
        utf8 = leader[9] == "a" or force_utf8
        if not utf8 and file_encoding == "iso8859-1":
            return None  # MARC-8 subfields: pymarc's converter and its warnings
        encoding = "utf-8" if utf8 else file_encoding
        base = int(marc[12:17])
        if base <= 0 or base >= len(marc) or len(marc) < int(leader[:5]):
            return None
        directory = marc[24 : base - 1].decode("ascii")
        if len(directory) % 12 or not directory:
            return None
        fields = []
        append = fields.append
        for i in range(0, len(directory), 12):
            tag = directory[i : i + 3]
            length = int(directory[i + 3 : i + 7])
            offset = base + int(directory[i + 7 : i + 12])
            data = marc[offset : offset + length - 1]
            fld = _new(_Field)
            fld.tag = tag
            if tag < "010" and tag.isdigit():
                fld.data = data.decode(encoding)
                fld._indicators = None
                fld.subfields = []
                fld.control_field = True
            else:
                # 0x1F is ASCII, so decoding the field and then splitting it equals pymarc's
                # decoding of each subfield (an undecodable subfield fails the whole field).
                text = data.decode(encoding)
                subs = text.split("\x1f")
                head = subs[0]
                if len(head) != 2 or not head.isascii():
                    return None
                subfields = [_tuple_new(_Subfield, (sf[0], sf[1:])) for sf in subs[1:] if sf]
                if not text.isascii() and any(sf[0] > "\x7f" for sf in subfields):
                    return None  # a non-ASCII subfield code: pymarc's repair and warning
                fld.data = None
                fld._indicators = _tuple_new(_Indicators, (head[0], head[1]))
                fld.subfields = subfields
                fld.control_field = False
            append(fld)
    except (ValueError, UnicodeDecodeError, IndexError):
        return None
    record = pymarc.Record(fields=fields, force_utf8=force_utf8)
    record.leader = pymarc.Leader(leader)
    return record


class _Reader(pymarc.MARCReader):
    """pymarc's permissive MARCReader (same chunking and errors) that tries `_fast_record` first
    and, for the records pymarc must read, keeps its warnings and stderr lines (broken MARC-8
    multibyte sequences) as `notes` for the report."""

    notes: list[str]

    def __next__(self):
        self.notes = []
        if self._current_exception and isinstance(self._current_exception, FatalReaderError):
            raise StopIteration
        self._current_chunk = None
        self._current_exception = None
        self._current_chunk = first5 = self.file_handle.read(5)
        if not first5:
            raise StopIteration
        if len(first5) < 5:
            self._current_exception = pymarc.exceptions.TruncatedRecord()
            return None
        try:
            length = int(first5)
        except ValueError:
            self._current_exception = pymarc.exceptions.RecordLengthInvalid()
            return None
        chunk = first5 + self.file_handle.read(length - 5)
        self._current_chunk = chunk
        if len(chunk) < length:
            self._current_exception = pymarc.exceptions.TruncatedRecord()
            return None
        if chunk[-1] != 0x1D:
            self._current_exception = pymarc.exceptions.EndOfRecordNotFound()
            return None
        if self.to_unicode and self.utf8_handling == "strict":
            record = _fast_record(chunk, self.force_utf8, self.file_encoding)
            if record is not None:
                return record
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(io.StringIO()) as err:
            warnings.simplefilter("always")
            try:
                return pymarc.Record(
                    chunk,
                    to_unicode=self.to_unicode,
                    force_utf8=self.force_utf8,
                    hide_utf8_warnings=self.hide_utf8_warnings,
                    utf8_handling=self.utf8_handling,
                    file_encoding=self.file_encoding,
                )
            except Exception as ex:  # noqa: BLE001 - pymarc's permissive reader does the same
                self._current_exception = ex
                return None
            finally:
                names = {type(w.message).__name__ for w in caught}
                if err.getvalue():
                    names.add(MarcEightWarning.__name__)
                self.notes = sorted(names)


def _fix_length(chunk: bytes) -> bytes:
    return f"{len(chunk):05d}".encode() + chunk[5:]


def iso2709_encoding(data: bytes) -> str:
    """The encoding the reader uses for a whole ISO 2709 file."""
    encoding = detect_encoding(data)
    file_unimarc = looks_unimarc(_raw_tags(data.lstrip()))
    if encoding == "marc8" and file_unimarc and re.search(rb"[\x80-\xff]", data):
        encoding = "latin-1"  # UNIMARC never uses MARC-8; its 0x88/0x89 are non-sorting marks
    return encoding


def record_starts(data: bytes) -> list[int] | None:
    """Where each record of an ISO 2709 file starts, walking it as the reader does (by the length
    in each leader), or None when anything is out of the ordinary (a gap, a length that is not a
    number or runs past the end, a missing end-of-record mark): such a file is read in one pass,
    with the reader's recovery. For a clean file, reading the parts between any two starts
    (with the whole file's encoding and numbering) gives exactly the entries of one pass."""
    starts = []
    pos, end = 0, len(data)
    while pos < end:
        head = data[pos : pos + 5]
        if len(head) < 5 or not head.isdigit():
            return None
        length = int(head)
        if length < 25 or pos + length > end or data[pos + length - 1] != 0x1D:
            return None
        starts.append(pos)
        pos += length
    return starts


def read_iso2709(data: bytes, *, encoding: str | None = None, first: int = 1) -> Iterator[Entry]:
    """Entries of an ISO 2709 file, or of a part of one (its `encoding`, numbered from `first`)."""
    if encoding is None:
        encoding = iso2709_encoding(data)
    buf = io.BytesIO(data)
    number = first - 1
    while True:
        while data[buf.tell() : buf.tell() + 1] in (
            b"\n",
            b"\r",
            b" ",
            b"\x00",
            b"\x1a",
        ) and buf.tell() < len(data):
            buf.seek(buf.tell() + 1)
        if buf.tell() >= len(data):
            return
        reader = _Reader(buf, permissive=True, hide_utf8_warnings=True, **_reader_args(encoding))
        resync = False
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            chunk = reader.current_chunk or b""
            exc = reader.current_exception
            if record is not None:
                number += 1
                notes = reader.notes
                if without_subfields(str(record.leader)):
                    with contextlib.suppress(ValueError, UnicodeDecodeError, IndexError):
                        record, notes = lenient_record(chunk, encoding), [*notes, "read_by_separators"]
                yield Entry(number, record=record, raw=chunk, warnings=notes, encoding=encoding)
                continue
            if isinstance(exc, FatalReaderError):
                start = buf.tell() - len(chunk)
                end = data.find(RECORD_END, start)
                candidate = data[start : end + 1] if end != -1 else data[start:]
                stripped = candidate.lstrip(b"\r\n \x00\x1a")
                if stripped:
                    number += 1
                    yield _recover(number, stripped, exc, encoding, end != -1)
                if end == -1:
                    return
                buf.seek(end + 1)
                resync = True
                break
            number += 1
            rec2, error, detail, notes = _parse_chunk(chunk, encoding)
            if rec2 is None and not error:
                error = BAD_STRUCTURE
            yield Entry(
                number,
                record=rec2,
                raw=chunk,
                error=error,
                detail=detail or f"{type(exc).__name__}: {exc}"[:200],
                warnings=notes,
                encoding=encoding,
            )
        if not resync:
            return


def _recover(number: int, chunk: bytes, exc: Exception, encoding: str, has_end: bool) -> Entry:
    """A record whose length in the leader is wrong: try again with the length it really has."""
    code = {"TruncatedRecord": TRUNCATED, "EndOfRecordNotFound": NO_END}.get(type(exc).__name__, BAD_LENGTH)
    if not has_end or not chunk[:5].isdigit():
        return Entry(number, raw=chunk, error=code, detail=type(exc).__name__, encoding=encoding)
    record, error, detail, notes = _parse_chunk(_fix_length(chunk), encoding)
    if record is None or without_subfields(str(record.leader)):
        try:
            record = lenient_record(chunk, encoding)
            notes = ["read_by_separators"]
        except (ValueError, UnicodeDecodeError, IndexError, pymarc.exceptions.PymarcException):
            if record is not None:
                return Entry(
                    number, record=record, raw=chunk, warnings=["length_corrected", *notes], encoding=encoding
                )
            return Entry(
                number,
                raw=chunk,
                error=code,
                detail=f"{type(exc).__name__}; {detail}"[:200],
                encoding=encoding,
            )
    return Entry(number, record=record, raw=chunk, warnings=["length_corrected", *notes], encoding=encoding)


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _sep, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _xml_record(el) -> pymarc.Record:
    record = pymarc.Record()
    for child in el:
        ns, name = _local(child.tag)
        if name == "leader":
            text = (child.text or "").ljust(24)[:24]
            record.leader = pymarc.Leader(text)
        elif name == "controlfield":
            tag = child.get("tag")
            if tag is None:
                raise KeyError("tag")
            record.add_field(pymarc.Field(tag=tag, data=child.text or ""))
        elif name == "datafield":
            tag = child.get("tag")
            if tag is None:
                raise KeyError("tag")
            subfields = []
            for sf in child:
                if _local(sf.tag)[1] != "subfield":
                    continue
                code = sf.get("code")
                if code is None:
                    raise KeyError("code")
                subfields.append(pymarc.Subfield(code=code, value=sf.text or ""))
            ind = [(child.get("ind1") or " ")[:1], (child.get("ind2") or " ")[:1]]
            record.add_field(pymarc.Field(tag=tag, indicators=pymarc.Indicators(*ind), subfields=subfields))
    if not record.fields:
        raise ValueError(NO_FIELDS)
    return record


class _DepthGuard:
    """A parser target that only follows the nesting depth and stops the parse past the limit."""

    def __init__(self) -> None:
        self.depth = 0

    def start(self, tag, attrib) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _TooDeep

    def end(self, tag) -> None:
        self.depth -= 1

    def data(self, text) -> None:
        pass

    def close(self) -> None:
        pass


class _TooDeep(Exception):
    pass


def _xml_problem(data: bytes) -> Entry | None:
    """Why this XML cannot be read (as an error Entry), or None: well-formedness, an encoding
    expat does not know, entities and DTDs (defusedxml), nesting past MAX_XML_DEPTH. A first pass
    that builds no tree, so a hostile file costs one linear scan and no memory."""
    parser = SafeET.DefusedXMLParser(target=_DepthGuard())
    try:
        parser.feed(data)
        parser.close()
    except _TooDeep:
        return Entry(1, error=XML_TOO_DEEP, detail=f"more than {MAX_XML_DEPTH} levels", encoding="utf-8")
    except LookupError as exc:
        return Entry(1, error=XML_ENCODING, detail=str(exc)[:200], encoding="utf-8")
    except (ParseError, DefusedXmlException, ValueError) as exc:
        return Entry(1, error=BAD_XML, detail=str(exc)[:200], encoding="utf-8")
    return None


def read_marcxml(data: bytes) -> Iterator[Entry]:
    problem = _xml_problem(data)
    if problem is not None:
        yield problem
        return
    root = SafeET.fromstring(data)
    number = 0
    for el in root.iter():
        ns, name = _local(el.tag)
        if name != "record" or ns not in (MARCXML_NS, ""):
            continue
        if ns == "" and not any(_local(c.tag)[1] in ("leader", "controlfield", "datafield") for c in el):
            continue
        number += 1
        text = tostring(el, encoding="unicode")
        try:
            yield Entry(number, record=_xml_record(el), xml=text, encoding="utf-8")
        except KeyError as exc:
            yield Entry(
                number, xml=text, error=BAD_STRUCTURE, detail=f"missing attribute {exc}", encoding="utf-8"
            )
        except ValueError:
            yield Entry(number, xml=text, error=NO_FIELDS, encoding="utf-8")
    if number == 0:
        yield Entry(1, error=NO_FIELDS, detail="no MARC records in this XML", encoding="utf-8")


def read_json(data: bytes) -> Iterator[Entry]:
    text = data.decode("utf-8", "replace")
    try:
        items = json.loads(text, strict=False)
        items = items if isinstance(items, list) else [items]
    except json.JSONDecodeError as whole:
        lines = [line for line in text.splitlines() if line.strip()]
        try:
            json.loads(lines[0], strict=False)
        except (json.JSONDecodeError, IndexError):
            yield Entry(1, error=BAD_JSON, detail=str(whole)[:200], encoding="utf-8")
            return
        items = []
        for line in lines:
            try:
                items.append(json.loads(line, strict=False))
            except json.JSONDecodeError as exc:
                items.append(exc)
    for number, item in enumerate(items, 1):
        if isinstance(item, Exception):
            yield Entry(number, error=BAD_JSON, detail=str(item)[:200], encoding="utf-8")
            continue
        try:
            records = list(pymarc.JSONReader(json.dumps(item)))
            if not records or not records[0].fields:
                raise ValueError("no fields")
            yield Entry(number, record=records[0], encoding="utf-8")
        except Exception as exc:  # noqa: BLE001 - a bad record is reported, never raised
            yield Entry(number, error=BAD_JSON, detail=f"{type(exc).__name__}: {exc}"[:200], encoding="utf-8")


def read(data: bytes, *, part_of: tuple[str, int] | None = None) -> Iterator[Entry]:
    """Every record of the file as an Entry, in file order. pymarc's own log lines about broken
    indicators are kept out of the logs: the importer reports per record instead.

    `part_of=(encoding, first number)` reads a part of a clean ISO 2709 file cut at record
    starts (see record_starts), as the importer's helper processes do."""
    pymarc_log = logging.getLogger("pymarc")
    level = pymarc_log.level
    pymarc_log.setLevel(logging.ERROR)
    try:
        if part_of is None:
            yield from _read(data)
        else:
            yield from read_iso2709(data, encoding=part_of[0], first=part_of[1])
    finally:
        pymarc_log.setLevel(level)


def _read(data: bytes) -> Iterator[Entry]:
    kind = detect_format(data)
    if kind == "marcxml":
        yield from read_marcxml(data)
    elif kind == "json":
        yield from read_json(data)
    elif kind == "iso2709":
        yield from read_iso2709(data)
    else:
        yield Entry(1, error=UNKNOWN_FORMAT, detail="not ISO 2709, MARCXML or MARC-in-JSON")


def stored_record(raw: bytes | None, xml: str = "") -> pymarc.Record | None:
    """The record kept as received (Record.marc_raw or marc_xml), decoded the way the import
    decoded it; None when there is none or it cannot be read. Doubts about the decoding were
    reported at import time, so their warnings are not raised again here."""
    data = bytes(raw) if raw else xml.encode("utf-8") if xml else b""
    if not data:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return next((e.record for e in read(data) if e.record is not None), None)

"""Reading CSV and XLSX uploads safely: any module's import goes through here.

CSV in UTF-8 (with or without BOM) or Windows-1251 (Excel on Russian/Kazakh Windows), `,` or `;`;
XLSX refused before parsing when it unpacks to more than `max_unpacked` bytes (a zip bomb) or
declares too many rows, and read to its real last row. Every cell comes back as text, never
evaluated; writing back out goes through core/exports.py (formula-safe).
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

DEFAULT_MAX_UNPACKED = 50 * 1024 * 1024


class FileFormatError(ValueError):
    """The file cannot be read at all (wrong type, no header)."""


def _decode(data: bytes) -> str:
    if b"\x00" in data:  # UTF-16 or a binary file: text that the database could not store either
        raise FileFormatError(_("This is not a text file in UTF-8 or Windows-1251; save it as CSV UTF-8."))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")  # Excel on Russian/Kazakh Windows saves CSV this way
    except UnicodeDecodeError:
        raise FileFormatError(_("This is not a text file in UTF-8 or Windows-1251; save it as CSV UTF-8."))


def _too_many_rows(limit: int) -> FileFormatError:
    return FileFormatError(
        _("The file has more than %(limit)s rows; split it into several files of at most %(limit)s rows.")
        % {"limit": limit}
    )


def _limited(rows, limit: int):
    """The rows, stopping with an error at the first one past the limit (never reading on)."""
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise _too_many_rows(limit)
        yield row


def _open_xlsx(data: bytes, limit: int, max_unpacked: int):
    """The first sheet of a workbook, refused before it is parsed when its parts unpack to more
    than `max_unpacked` bytes (a zip bomb) or its dimension says it has too many rows."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileFormatError(_("This is not an XLSX workbook we can read."))
    if unpacked > max_unpacked:
        raise FileFormatError(_("This workbook unpacks to more than %(mb)s MB.") % {"mb": max_unpacked >> 20})
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
    except Exception:
        raise FileFormatError(_("This is not an XLSX workbook we can read."))
    # The sheet's own <dimension> (written by Excel, LibreOffice and openpyxl) says how many rows it
    # has: refuse at once. A sheet without one, or one that lies, is stopped while streaming.
    declared = sheet.max_row if isinstance(sheet.max_row, int) else 0
    if declared - 1 > limit:
        book.close()
        raise _too_many_rows(limit)
    # Then read every row there is: openpyxl stops at the declared last row, so a dimension that
    # says A1:B2 hid all the rows below the first from the import, silently.
    sheet.reset_dimensions()
    return book, sheet


def read_table(
    data: bytes, filename: str, *, limit: int, max_unpacked: int = DEFAULT_MAX_UNPACKED
) -> tuple[list[str], list[dict[str, str]]]:
    """Rows as {column: text}; row numbers are the spreadsheet's (header = 1). At most
    `limit` rows below the header; a longer file is refused, read no further. Returns the
    header (lower-cased) and the rows that are not blank."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        book, sheet = _open_xlsx(data, limit, max_unpacked)
        try:
            it = sheet.iter_rows(values_only=True)
            header = [str(h or "").strip().lower() for h in next(it, [])]
            rows = [
                {h: "" if v is None else str(v) for h, v in zip(header, values, strict=False) if h}
                for values in _limited(it, limit)
            ]
        except FileFormatError:
            raise
        except Exception:
            raise FileFormatError(_("This is not an XLSX workbook we can read."))
        finally:
            book.close()
    elif name.endswith(".csv") or name.endswith(".txt"):
        text = _decode(data)
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
        try:
            header = [h.strip().lower() for h in next(reader, [])]
            rows = [dict(zip(header, values, strict=False)) for values in _limited(reader, limit)]
        except csv.Error:
            raise FileFormatError(_("This CSV file cannot be read (a field is too long or badly quoted)."))
    else:
        raise FileFormatError(_("Upload a CSV or XLSX file."))
    return header, [r for r in rows if any((v or "").strip() for v in r.values())]

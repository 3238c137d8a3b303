"""CSV and XLSX exports that a spreadsheet cannot turn into formulas (CSV/formula injection).

A cell that starts with = + - @ or a control character is prefixed with an apostrophe, and in XLSX
no cell is ever typed as a formula. CSV starts with a BOM so Excel reads UTF-8 (Chinese, Kazakh).
Every module's report export goes through here.

A CSV is read with whatever separator the reader's locale uses: Excel in Russian and Kazakh
splits on `;`, so the cell `x;=cmd|...` (harmless with our `,`) becomes two cells there, the second
a formula. So every CSV cell is quoted, and inside a cell any text after a separator (`,` `;` tab,
line break) that would start a formula gets the same apostrophe, whichever separator the reader
splits on and whether or not it honours the quotes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A separator some spreadsheet may split on, then blanks or quotes, then a formula start.
_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n][\s\"']*)(?=[=+\-@])")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def safe_csv_cell(value):
    """`safe_cell`, and no formula start after any separator inside the cell."""
    value = safe_cell(value)
    if isinstance(value, str):
        value = _AFTER_SEPARATOR.sub(r"\1'", value)
    return value


def rows_to_csv(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([safe_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_to_xlsx(header: Sequence, rows: Iterable[Sequence], title: str = "") -> bytes:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.title = title[:31]
    ws.append([safe_cell(h) for h in header])
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # never let a value become a formula
                cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

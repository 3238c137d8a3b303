import csv
import io

import pytest
from openpyxl import load_workbook

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx, safe_cell, safe_csv_cell


def test_formula_like_cells_become_text():
    assert [safe_cell(v) for v in ["=1+1", "+7", "-2", "@SUM(A1)", "\tx", "ok", 3]] == [
        "'=1+1",
        "'+7",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        3,
    ]


def test_csv_has_bom_and_neutralised_cells():
    data = rows_to_csv(["Название"], [['=HYPERLINK("http://x")'], ["Абай"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Название"], ['\'=HYPERLINK("http://x")'], ["Абай"]]


def test_xlsx_never_holds_a_formula():
    sheet = load_workbook(io.BytesIO(rows_to_xlsx(["名称"], [["=1+2"], ["冬不拉"]], "报告"))).active
    assert sheet.title == "报告"
    assert [c.value for c in sheet["A"]] == ["名称", "'=1+2", "冬不拉"]
    assert all(c.data_type != "f" for c in sheet["A"])


ATTACKS = [
    "x;=cmd|' /C calc'!A0",
    "x,=cmd|' /C calc'!A0",
    "x\t+cmd|' /C calc'!A0",
    "x; @SUM(1+1)*cmd|' /C calc'!A0",
    "x;\"-2+3+cmd|' /C calc'!A0",
    'x\r\n=HYPERLINK("http://evil")',
]


def _naive_fields(data: bytes, separator: str) -> list[str]:
    """What a spreadsheet that splits on `separator` and ignores quoting would see in each cell."""
    text = data.decode("utf-8-sig")
    return [f.strip().strip('"').strip() for line in text.splitlines() for f in line.split(separator)]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_csv_field_starts_a_formula_whichever_separator_the_spreadsheet_uses(separator):
    data = rows_to_csv(["Name"], [[attack] for attack in ATTACKS])
    fields = _naive_fields(data, separator)
    assert [f for f in fields if f.startswith(("=", "+", "-", "@"))] == []
    # A reader that honours the quotes (Excel with ";" does) sees one cell per value.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
    assert len(rows) == len(ATTACKS) + 1


def test_a_cell_with_a_separator_keeps_its_text_with_an_apostrophe_before_the_formula():
    assert safe_csv_cell("x;=cmd|' /C calc'!A0") == "x;'=cmd|' /C calc'!A0"
    assert safe_csv_cell("Almaty; Astana") == "Almaty; Astana"
    assert safe_csv_cell(7) == 7
    data = rows_to_csv(["a", "b"], [["x;=cmd", "ok"]])
    assert data.decode("utf-8-sig") == '"a","b"\r\n"x;\'=cmd","ok"\r\n'

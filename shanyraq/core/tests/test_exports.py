import csv
import io

from openpyxl import load_workbook

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx, safe_cell


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

import csv
import io

import pytest
from openpyxl import load_workbook

from shanyraq.programs.reports import (
    attendance_report,
    occupancy_report,
    safe_cell,
    to_csv,
    to_xlsx,
    waiting_report,
)
from shanyraq.programs.selectors import Report
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, SpaceFactory, make_session

pytestmark = pytest.mark.django_db


def test_formula_like_cells_are_neutralised():
    assert [safe_cell(v) for v in ["=1+1", "+7", "-2", "@SUM(A1)", "ok", 3]] == [
        "'=1+1",
        "'+7",
        "'-2",
        "'@SUM(A1)",
        "ok",
        3,
    ]


def test_csv_export_cannot_carry_a_formula():
    data = to_csv(Report(["Name"], [['=HYPERLINK("http://evil")']]))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Name"], ['\'=HYPERLINK("http://evil")']]


def test_xlsx_export_stores_text_not_formulas():
    ws = load_workbook(io.BytesIO(to_xlsx(Report(["Name"], [["=1+2"]]), "t"))).active
    assert (ws["A2"].value, ws["A2"].data_type) == ("'=1+2", "s")


def test_occupancy_counts_seats_taken_per_space():
    space = SpaceFactory(slug="felt-studio", name_en="Felt studio", capacity=4)
    session = make_session(program=ProgramFactory(), space=space)
    for _ in range(3):
        registration_create(session=session, person=PersonFactory())
    assert occupancy_report().rows == [["Felt studio", 1, 2.0, 4, 3, "75%"]]


def test_waiting_report_shows_demand_beyond_capacity():
    session = make_session(capacity=1)
    for _ in range(3):
        registration_create(session=session, person=PersonFactory())
    assert [row[2:] for row in waiting_report().rows] == [[1, 2, 0]]


def test_attendance_report_counts_registered_seats():
    session = make_session()
    registration_create(session=session, person=PersonFactory())
    assert attendance_report().rows[0][3:] == [1, 0, 0, 0]


def test_reports_page_exports_xlsx(staff_client):
    make_session()
    response = staff_client("director").get("/en/staff/programs/reports/?report=occupancy&format=xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "Space"

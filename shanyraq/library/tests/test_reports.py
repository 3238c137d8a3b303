"""Director's reports: anonymous counts; CSV and XLSX neutralise formula injection."""

import io

import pytest
from openpyxl import load_workbook

from shanyraq.library import reports
from shanyraq.library.services.catalogue import copy_create
from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.tests.factories import CopyFactory, PatronFactory, RecordFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_dangerous_cells_are_prefixed(value):
    assert reports.safe_cell(value) == "'" + value


def test_harmless_cells_are_untouched():
    assert [reports.safe_cell(v) for v in ["Абай", 3, "a=b"]] == ["Абай", 3, "a=b"]


def test_xlsx_export_keeps_formulas_as_text():
    body = reports.to_xlsx(["Title"], [['=HYPERLINK("http://evil")']])
    ws = load_workbook(io.BytesIO(body)).active
    assert ws["A2"].value == '\'=HYPERLINK("http://evil")'
    assert ws["A2"].data_type == "s"


def test_most_borrowed_counts_loans_per_record():
    record = RecordFactory(title="Көшпенділер")
    for n in range(2):
        copy = copy_create(record=record, barcode=f"K{n}")
        copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    assert reports.most_borrowed(limit=1) == [(record.pk, "Көшпенділер", 2)]


def test_overdue_report_has_no_patron_names():
    import datetime as dt

    from django.utils import timezone

    from shanyraq.library.models import Loan

    copy = CopyFactory(barcode="OD1")
    loan = copy_checkout(barcode="OD1", patron=PatronFactory(person__name="Private Person"))
    Loan.objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    rows = reports.overdue()
    assert rows == [("OD1", copy.record.title, (timezone.localdate() - dt.timedelta(days=3)).isoformat(), 3)]
    assert "Private Person" not in str(rows)


def test_loans_report_names_language_and_category_in_the_reader_language_not_codes(clock, staff_client):
    copy = CopyFactory(record=RecordFactory(language="kaz"))
    copy_checkout(barcode=copy.barcode, patron=PatronFactory(category="child"))
    body = staff_client("librarian").get("/ru/staff/library/reports/").content.decode()
    assert "<td>2026-12</td><td>Казахский</td><td>ребёнок</td><td>1</td>" in body
    assert ">kaz<" not in body and ">child<" not in body

"""Flat CP866 records (no indicators, no subfield codes) import with their title and author."""

import pytest

from shanyraq.library.marc import reader, to_data
from shanyraq.library.models import Record
from shanyraq.library.services import marc_import as mi
from shanyraq.library.tests.data import DATA

CP866 = DATA / "unimarc-rusmarc" / "rubymarc__cp866_unimarc.marc"
TITLE = (
    "Автоматизация проектирования и подготовки производства наукоемкойпродукции в едином "
    "информационном пространстве предприятия"
)


def test_a_flat_field_is_one_value_not_two_indicators_and_no_subfields():
    (entry,) = reader.read(CP866.read_bytes())
    assert entry.record["021"].indicators == (" ", " ")
    assert entry.record["021"]["a"] == TITLE
    assert entry.control_number == ""  # its 001 is the author, not a control number


def test_the_cp866_record_maps_title_author_year_language_keywords_and_source():
    (entry,) = reader.read(CP866.read_bytes())
    flavour, data = to_data(entry.record)
    assert (flavour, data.title, data.contributors, data.year, data.language) == (
        "",
        TITLE,
        [("Никитенко Е. А", "", "author")],
        2005,
        "rus",
    )
    assert data.subjects == ["Приборостроение", "микрофрезерование"]
    assert data.notes.splitlines()[0] == "Междунар. новости мира пластмасс. 2005. N 9-10. с. 56, 58"


@pytest.mark.django_db
def test_the_cp866_file_imports_with_its_title_and_no_author_as_control_number(client):
    report = mi.marc_import(data=CP866.read_bytes())
    assert [(line.status, line.control_number) for line in report.lines] == [(mi.CREATED, "")]
    record = Record.objects.get()
    assert (record.title, record.control_number, record.marc_flavour) == (TITLE, "", "")
    assert [c.name for c in record.contributors.all()] == ["Никитенко Е. А"]
    page = client.get(record.get_absolute_url()).text
    assert "<caption>ISO 2709</caption>" in page

"""Export: MARC21 ISO 2709 and MARCXML that pymarc reads back equal; Dublin Core."""

import io

import defusedxml.ElementTree as ET
import pymarc
import pytest

from shanyraq.library.marc import export, to_data
from shanyraq.library.marc.common import RecordData
from shanyraq.library.services.catalogue import record_create


@pytest.fixture
def abai(db):
    data = RecordData(
        title="Абай жолы",
        title_romanized="Abai joly",
        subtitle="роман-эпопея",
        publisher="Жазушы",
        place="Алматы",
        year=2007,
        language="kaz",
        format="book",
        contributors=[("Мұхтар Әуезов", "Mukhtar Auezov", "author"), ("Ли Хуа", "", "translator")],
        subjects=["Қазақ әдебиеті"],
        classifications=[("udc", "821.512.122"), ("bbk", "84(5Каз)")],
        notes="Тарихи роман",
    )
    return record_create(data=data)


def test_iso2709_round_trip_reads_back_equal(abai):
    blob = export.iso2709([abai])
    back = next(pymarc.MARCReader(io.BytesIO(blob), to_unicode=True, force_utf8=True))
    assert back.as_marc() == export.to_marc21(abai).as_marc()
    assert back["245"]["a"] == "Abai joly"
    assert [f["a"] for f in back.get_fields("880")][:2] == ["Мұхтар Әуезов", "Абай жолы"]


def test_marcxml_round_trip_reads_back_equal(abai):
    blob = export.marcxml([abai])
    back = pymarc.parse_xml_to_array(io.BytesIO(blob))[0]
    assert back.as_marc() == export.to_marc21(abai).as_marc()


def test_export_maps_back_to_the_same_description(abai):
    _flavour, data = to_data(export.to_marc21(abai))
    assert (data.title, data.title_romanized, data.publisher, data.year, data.language) == (
        "Абай жолы",
        "Abai joly",
        "Жазушы",
        2007,
        "kaz",
    )
    assert data.contributors[0] == ("Мұхтар Әуезов", "Mukhtar Auezov", "author")
    assert ("udc", "821.512.122") in data.classifications and ("bbk", "84(5Каз)") in data.classifications


def test_dublin_core_has_title_creator_and_language(abai):
    root = ET.fromstring(export.dublin_core(abai))
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert [e.text for e in root.findall(f"{dc}title")] == ["Абай жолы", "Abai joly"]
    assert root.find(f"{dc}creator").text == "Мұхтар Әуезов"
    assert root.find(f"{dc}language").text == "kaz"


@pytest.mark.parametrize(
    ("year", "published", "dates"),
    [
        (1956, "", "s1956    "),
        (None, "[19--]", "s19uu    "),
        (None, "197-?", "s197u    "),
        (None, "б.г.", "nuuuuuuuu"),
        (None, "", "nuuuuuuuu"),
    ],
)
def test_008_type_of_date_is_never_s_with_a_blank_date1(year, published, dates):
    assert export.date_fields(year, published) == dates


@pytest.mark.django_db
def test_an_imported_record_without_a_readable_year_exports_the_partial_date_it_printed():
    rec = pymarc.Record(force_utf8=True)
    rec.leader = pymarc.Leader("00000nam a2200000 i 4500")
    rec.add_field(pymarc.Field(tag="001", data="KCC-19XX"))
    rec.add_field(
        pymarc.Field(tag="245", indicators=["0", "0"], subfields=[pymarc.Subfield("a", "Қазақ ертегілері")])
    )
    rec.add_field(pymarc.Field(tag="264", indicators=[" ", "1"], subfields=[pymarc.Subfield("c", "[19--]")]))
    from shanyraq.library.services import marc_import as mi

    mi.marc_import(data=rec.as_marc())
    from shanyraq.library.models import Record

    record = Record.objects.get(control_number="KCC-19XX")
    assert record.year is None
    assert export.to_marc21(record)["008"].data[6:15] == "s19uu    "


@pytest.mark.django_db
def test_a_record_entered_without_a_year_exports_dates_unknown():
    record = record_create(data=RecordData(title="Жыр жинағы", language="kaz"))
    f008 = export.to_marc21(record)["008"].data
    assert (len(f008), f008[6:15]) == (40, "nuuuuuuuu")

"""MARC21 authority records out and back in, read by pymarc as any other client would."""

import io

import pymarc
import pytest
from django.core.management import call_command

from shanyraq.authorities.marc import import_authorities, iso2709, marcxml, to_marc
from shanyraq.authorities.models import Authority, Relation
from shanyraq.authorities.services import relation_add
from shanyraq.authorities.tests.factories import abai, make_authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    a = abai()
    semey = make_authority(
        "place",
        zh="塞梅伊",
        en="Semey",
        kk="Семей",
        ru="Семей",
        variants=[("Semipalatinsk", "LC Name Authority File")],
    )
    relation_add(a, semey, "place of birth")
    return a, semey


def _sub(record, tag):
    return [(f.get_subfields("a")[0], f.get_subfields("2")) for f in record.get_fields(tag)]


def test_export_is_an_authority_record_pymarc_reads_back_from_marcxml(pair):
    a, semey = pair
    records = pymarc.parse_xml_to_array(io.BytesIO(marcxml([a, semey])))
    first = records[0]
    assert first.leader[6] == "z"
    assert first["001"].data == f"shanyraq-a{a.pk}"
    assert first["100"].get_subfields("a", "d") == ["Abai Qunanbaiuly", "1845-1904"]
    assert sorted(f["a"] for f in first.get_fields("400")) == ["Abai", "Абай", "阿拜"]
    assert [(f["a"], f["b"]) for f in first.get_fields("670") if f["b"] == "阿拜"] == [
        ("Wikidata Q313495", "阿拜")
    ]
    assert first["551"].get_subfields("a", "i", "0") == ["Semey", "place of birth", f"shanyraq-a{semey.pk}"]
    assert sorted((f["a"], f["2"]) for f in first.get_fields("700")) == [
        ("Абай Кунанбаев", "shanyraq-ru"),
        ("Абай Құнанбайұлы", "shanyraq-kk"),
        ("阿拜·库南拜乌勒", "shanyraq-zh-hans"),
    ]
    assert records[1]["151"]["a"] == "Semey"


def test_binary_export_reads_back_with_pymarc_marcreader(pair):
    a, _semey = pair
    records = list(pymarc.MARCReader(iso2709([a]), to_unicode=True, force_utf8=True))
    assert records[0]["100"]["a"] == "Abai Qunanbaiuly"
    assert records[0].as_marc() == to_marc(a).as_marc()


@pytest.mark.parametrize("fmt", ["marcxml", "iso2709"])
def test_round_trip_restores_every_form_source_and_relation(pair, fmt):
    a, semey = pair
    data = marcxml([a, semey]) if fmt == "marcxml" else iso2709([a, semey])
    Authority.objects.all().delete()
    report = import_authorities(data)
    assert (report.created, report.updated, report.problems) == (2, 0, [])
    back = Authority.objects.get(control_number=f"shanyraq-a{a.pk}")
    assert (back.kind, back.dates, back.name_zh_hans, back.name_en, back.name_kk, back.name_ru) == (
        "person",
        "1845-1904",
        "阿拜·库南拜乌勒",
        "Abai Qunanbaiuly",
        "Абай Құнанбайұлы",
        "Абай Кунанбаев",
    )
    assert sorted(back.variants.values_list("text", "script", "source")) == [
        ("Abai", "Latn", "LC Name Authority File"),
        ("Абай", "Cyrl", "Kazakh national encyclopedia"),
        ("阿拜", "Hani", "Wikidata Q313495"),
    ]
    assert list(Relation.objects.filter(authority=back).values_list("related__name_en", "note")) == [
        ("Semey", "place of birth")
    ]


def test_importing_the_same_file_twice_updates_instead_of_duplicating(pair):
    data = marcxml(list(pair))
    Authority.objects.all().delete()
    import_authorities(data)
    report = import_authorities(data)
    assert (report.created, report.updated) == (0, 2)
    assert Authority.objects.count() == 2


def _foreign() -> pymarc.Record:
    """As a national library publishes it: 880 vernacular forms linked to the romanized ones."""
    r = pymarc.Record(force_utf8=True, leader="00000nz  a2200000n  4500")
    r.add_field(pymarc.Field(tag="001", data="n80012345"))
    r.add_field(
        pymarc.Field(
            tag="040",
            indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "DLC"), pymarc.Subfield("b", "eng")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="100",
            indicators=["1", " "],
            subfields=[pymarc.Subfield("a", "Lu, Xun,"), pymarc.Subfield("d", "1881-1936")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="400",
            indicators=["1", " "],
            subfields=[pymarc.Subfield("a", "Lu, Hsün,"), pymarc.Subfield("d", "1881-1936")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="400",
            indicators=["1", " "],
            subfields=[pymarc.Subfield("6", "880-01"), pymarc.Subfield("a", "Zhou, Shuren")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="880",
            indicators=["1", " "],
            subfields=[pymarc.Subfield("6", "400-01/$1"), pymarc.Subfield("a", "周樹人")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="880",
            indicators=["1", " "],
            subfields=[pymarc.Subfield("6", "400-02/(N"), pymarc.Subfield("a", "Лу Синь")],
        )
    )
    r.add_field(
        pymarc.Field(
            tag="670",
            indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "LC Name Authority File"), pymarc.Subfield("b", "Lu, Hsün")],
        )
    )
    return r


def test_import_reads_880_linked_fields_with_their_scripts():
    report = import_authorities(_foreign().as_marc())
    assert report.problems == []
    a = Authority.objects.get(control_number="n80012345")
    assert (a.kind, a.name_en, a.dates) == ("person", "Lu, Xun", "1881-1936")
    assert sorted(a.variants.values_list("text", "script", "source")) == [
        ("Lu, Hsün", "Latn", "LC Name Authority File"),
        ("Zhou, Shuren", "Latn", ""),
        ("Лу Синь", "Cyrl", ""),
        ("周樹人", "Hani", ""),
    ]


def test_broken_records_are_reported_one_by_one_and_the_rest_imported(pair, tmp_path, capsys):
    good = iso2709(list(pair))
    Authority.objects.all().delete()
    no_heading = pymarc.Record(force_utf8=True, leader="00000nz  a2200000n  4500")
    no_heading.add_field(pymarc.Field(tag="001", data="x1"))
    no_heading.add_field(
        pymarc.Field(tag="400", indicators=["1", " "], subfields=[pymarc.Subfield("a", "Nobody")])
    )
    dangling = _foreign()
    dangling.add_field(
        pymarc.Field(
            tag="500",
            indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "Zhou, Zuoren"), pymarc.Subfield("0", "n999")],
        )
    )
    truncated = _foreign().as_marc()[:-40] + b"\x1d"
    path = tmp_path / "mixed.mrc"
    path.write_bytes(no_heading.as_marc() + truncated + good + dangling.as_marc() + b"garbage\x1d")
    call_command("import_authorities", str(path))
    out, err = capsys.readouterr()
    # The cut record is recovered by the tolerant reader; the later copy with the same 001 updates it.
    assert out.strip() == "created 3, updated 1, problems 3"
    lines = err.strip().splitlines()
    assert lines[0] == "record 1 (x1): no 1XX heading (100, 110, 111, 130 or 151)"
    assert lines[1].startswith("record 6: bad_length")
    assert lines[2] == "record 5: see-also 'Zhou, Zuoren' not found"
    assert set(Authority.objects.values_list("name_en", flat=True)) == {
        "Abai Qunanbaiuly",
        "Semey",
        "Lu, Xun",
    }


def test_malformed_xml_is_one_problem_not_a_crash():
    report = import_authorities(
        b"<?xml version='1.0'?><collection xmlns='http://www.loc.gov/MARC21/slim'><record><datafield"
    )
    assert (report.created, report.bad) == (0, 1)


def test_export_command_writes_a_file_pymarc_reads(pair, tmp_path):
    path = tmp_path / "out.xml"
    call_command("export_authorities", str(path))
    assert [r["001"].data for r in pymarc.parse_xml_to_array(str(path))] == [
        f"shanyraq-a{x.pk}" for x in pair
    ]

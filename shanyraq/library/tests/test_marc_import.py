"""Import end to end: records, names, subjects, index; duplicates reported; dry runs write nothing."""

import io

import pymarc
import pytest
from django.core.management import call_command
from django.utils import translation

from shanyraq.library.marc import reader
from shanyraq.library.models import Record
from shanyraq.library.services import marc_import as mi
from shanyraq.library.tests.data import DATA, files
from shanyraq.search.models import SearchEntry
from shanyraq.search.selectors import search_ids

IMPORTABLE = files("marc21-english") + files("marc-multiscript-880") + files("unimarc-rusmarc")


@pytest.mark.django_db
@pytest.mark.parametrize("path", IMPORTABLE, ids=lambda p: p.name)
def test_every_shared_file_imports_or_reports(path):
    report = mi.marc_import(data=path.read_bytes())
    assert report.lines
    created = [line for line in report.lines if line.status == mi.CREATED]
    assert Record.objects.count() == len(created)
    for line in report.lines:
        assert line.status in mi.STATUS_LABELS
        if line.status == mi.ERROR:
            assert line.reason_text


@pytest.mark.django_db
def test_import_creates_records_and_indexes_them():
    report = mi.marc_import(
        data=(DATA / "unimarc-rusmarc" / "pythonirbis__rusmarc_nlr_test1.iso").read_bytes()
    )
    # Records 33 and 34 are two parts sharing one ISBN: the second is reported, not imported.
    assert (report.count(mi.CREATED), report.count(mi.DUPLICATE)) == (80, 1)
    assert report.lines[33].reason == "duplicate_in_file"
    assert SearchEntry.objects.filter(kind="record").count() == 80
    record = Record.objects.get(title="Задачи и этюды")
    assert record.marc_flavour == "unimarc"
    assert record.marc_raw[:5].isdigit()
    assert str(record.pk) in search_ids("этюды", kind="record")


@pytest.mark.django_db
def test_second_import_reports_duplicates_and_writes_nothing():
    data = (DATA / "marc-multiscript-880" / "pymarc__1251.dat").read_bytes()
    mi.marc_import(data=data)
    report = mi.marc_import(data=data)
    assert report.count(mi.DUPLICATE) == 6
    assert {line.reason for line in report.lines} == {"duplicate_isbn"}
    assert Record.objects.count() == 6


@pytest.mark.django_db
def test_merge_updates_the_existing_record():
    data = (DATA / "marc-multiscript-880" / "pymarc__1251.dat").read_bytes()
    mi.marc_import(data=data)
    Record.objects.update(title="changed")
    report = mi.marc_import(data=data, merge=True)
    assert report.count(mi.MERGED) == 6
    assert Record.objects.count() == 6
    assert Record.objects.filter(title="changed").count() == 0


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    report = mi.marc_import(data=(DATA / "marc21-english" / "pymarc__test.dat").read_bytes(), dry_run=True)
    assert report.count(mi.WOULD_CREATE) == 10
    assert Record.objects.count() == 0


@pytest.mark.django_db
def test_bad_records_are_reported_with_number_and_reason_in_the_users_language():
    report = mi.marc_import(data=(DATA / "marc-edge-cases" / "pymarc__bad_records.mrc").read_bytes())
    bad = [line for line in report.lines if line.status == mi.ERROR]
    assert bad[0].number == 2 and bad[0].reason == reader.BAD_STRUCTURE
    with translation.override("ru"):
        assert bad[0].reason_text == "Структура записи нарушена (маркер, справочник, метка или код подполя)."


@pytest.mark.django_db
@pytest.mark.parametrize("path", files("marc-edge-cases"), ids=lambda p: p.name)
def test_edge_case_file_imports_without_crash(path):
    report = mi.marc_import(data=path.read_bytes())
    assert [line.number for line in report.lines] == sorted(line.number for line in report.lines)


@pytest.mark.django_db
def test_records_whose_cjk_text_lost_its_marc8_escapes_are_imported_and_flagged():
    """A copy of Pride and Prejudice's catalogue whose MARC-8 ESC characters were stripped before
    it reached us: "$1!2H!?5!T2!2/!X((B" cannot be decoded with certainty, so the records come in
    (their romanized twins and other fields are good) and the report tells the librarian which
    ones to correct, in the librarian's language; records without such codes are not flagged."""
    report = mi.marc_import(
        data=(DATA / "marc-edge-cases" / "marc4j__pride-and-prejudice-with-many-errors.mrc").read_bytes(),
        dry_run=True,
    )
    flagged = [line for line in report.lines if "marc8_escapes_lost" in line.notes]
    assert flagged and all(line.status != mi.ERROR for line in flagged)
    assert any(reader.lost_escapes(line.title) for line in flagged)
    assert not any(reader.lost_escapes(line.title) for line in report.lines if line not in flagged)
    with translation.override("zh-hans"):
        assert "MARC-8 转义字符" in flagged[0].notes_text
    clean = mi.marc_import(data=(DATA / "marc21-english" / "pymarc__test.dat").read_bytes(), dry_run=True)
    assert not any("marc8_escapes_lost" in line.notes for line in clean.lines)


@pytest.mark.django_db
def test_command_dry_run_prints_a_line_per_record(tmp_path):
    out = io.StringIO()
    call_command("import_marc", str(DATA / "marc21-english" / "pymarc__test.dat"), "--dry-run", stdout=out)
    text = out.getvalue()
    assert text.count("would be created") == 10
    assert Record.objects.count() == 0


@pytest.mark.django_db
def test_within_file_duplicate_is_reported():
    rec = pymarc.Record(force_utf8=True)
    rec.add_field(pymarc.Field(tag="001", data="X1"))
    rec.add_field(pymarc.Field(tag="245", indicators=["0", "0"], subfields=[pymarc.Subfield("a", "Same")]))
    data = rec.as_marc() + rec.as_marc()
    report = mi.marc_import(data=data)
    assert [line.status for line in report.lines] == [mi.CREATED, mi.DUPLICATE]
    assert report.lines[1].reason == "duplicate_in_file"


@pytest.mark.django_db
def test_nul_characters_and_overlong_editions_do_not_reach_the_database():
    rec = pymarc.Record(force_utf8=True)
    rec.add_field(
        pymarc.Field(tag="245", indicators=["0", "0"], subfields=[pymarc.Subfield("a", "Ti\x00tle")])
    )
    rec.add_field(pymarc.Field(tag="250", indicators=[" ", " "], subfields=[pymarc.Subfield("a", "e" * 400)]))
    report = mi.marc_import(data=rec.as_marc())
    assert [line.status for line in report.lines] == [mi.CREATED]
    record = Record.objects.get()
    assert (record.title, len(record.edition)) == ("Title", 200)


@pytest.mark.django_db
def test_records_created_after_an_import_get_fresh_ids():
    from shanyraq.library.marc.common import RecordData
    from shanyraq.library.services.catalogue import record_create

    before = record_create(data=RecordData(title="Before"))
    mi.marc_import(data=(DATA / "marc21-english" / "pymarc__test.dat").read_bytes())
    after = record_create(data=RecordData(title="After"))
    ids = list(Record.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == len(set(ids)) == 12
    assert before.pk == ids[0] and after.pk == ids[-1]
    assert all(r.created_at is not None for r in Record.objects.all())


XML_RECORD = (
    b'<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">X1</controlfield>'
    b'<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Abai</subfield></datafield></record>'
)


@pytest.mark.django_db
def test_xml_with_an_unknown_encoding_is_reported_in_the_users_language():
    data = b'<?xml version="1.0" encoding="x-klingon"?><collection xmlns="http://www.loc.gov/MARC21/slim">'
    data += XML_RECORD + b"</collection>"
    with translation.override("ru"):
        report = mi.marc_import(data=data)
        (line,) = report.lines
        assert (line.status, line.reason, line.detail) == (
            mi.ERROR,
            "xml_encoding",
            "unknown encoding: x-klingon",
        )
        assert line.reason_text.startswith("В XML указана неизвестная кодировка")
    assert Record.objects.count() == 0


@pytest.mark.django_db
def test_xml_nested_200000_deep_is_refused_quickly_without_building_it():
    import resource
    import time

    depth = 200_000
    data = b"<collection><record>" + b"<x>" * depth + b"</x>" * depth + b"</record></collection>"
    started, memory = time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = mi.marc_import(data=data)
    assert [(x.status, x.reason) for x in report.lines] == [(mi.ERROR, "xml_too_deep")]
    assert time.process_time() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < 50_000  # KiB
    assert Record.objects.count() == 0

"""The reader turns every record of every real file into an Entry: a record or a reported error."""

import pymarc
import pytest

from shanyraq.library.marc import reader, to_data
from shanyraq.library.tests.data import DATA, files

GOOD = files("marc21-english") + files("marc-multiscript-880") + files("unimarc-rusmarc")
EDGE = files("marc-edge-cases")


def test_shared_data_is_there():
    assert len(GOOD) > 100, f"shared data missing at {DATA}"
    assert len(EDGE) > 60


@pytest.mark.parametrize("path", EDGE, ids=lambda p: p.name)
def test_edge_case_file_is_reported_record_by_record(path):
    entries = list(reader.read(path.read_bytes()))
    assert entries, "every file yields at least one entry"
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    for e in entries:
        assert (e.record is None) == bool(e.error)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_file_maps_without_crash(path):
    for e in reader.read(path.read_bytes()):
        if e.record is not None:
            flavour, data = to_data(e.record)
            assert flavour in ("marc21", "unimarc", "")  # "": flat records (mapping_flat)
        else:
            assert e.error


def test_windows_1251_marc21_is_detected_and_decoded():
    entries = list(reader.read((DATA / "marc-multiscript-880" / "pymarc__1251.dat").read_bytes()))
    assert {e.encoding for e in entries} == {"cp1251"}
    assert to_data(entries[0].record)[1].title == "Основы гидравлического расчета инженерных сетей"


def test_rusmarc_is_unimarc_in_cp1251():
    entries = list(
        reader.read((DATA / "unimarc-rusmarc" / "pythonirbis__rusmarc_nlr_test1.iso").read_bytes())
    )
    assert len(entries) == 81 and all(e.record is not None for e in entries)
    flavour, data = to_data(entries[1].record)
    assert (flavour, data.title, data.year, data.language) == ("unimarc", "Задачи и этюды", 1997, "rus")
    assert ("bbk", "Ч515.815я43") in data.classifications


def test_cp866_file_pymarc_cannot_read_is_read_by_separators():
    entries = list(reader.read((DATA / "unimarc-rusmarc" / "rubymarc__cp866_unimarc.marc").read_bytes()))
    assert len(entries) == 1
    assert (entries[0].encoding, entries[0].warnings) == ("cp866", ["length_corrected", "read_by_separators"])
    assert entries[0].record["003"].data == "Междунар. новости мира пластмасс"


def test_cp866_multirecord_file_yields_both_records():
    entries = list(reader.read((DATA / "unimarc-rusmarc" / "rubymarc__cp866_multirecord.marc").read_bytes()))
    assert [e.record is not None for e in entries] == [True, True]


def test_880_pairs_give_vernacular_title_and_romanized_twin():
    entries = list(
        reader.read((DATA / "marc-multiscript-880" / "openlibrary__880_alternate_script.mrc").read_bytes())
    )
    _flavour, data = to_data(entries[0].record)
    assert data.title == "乔布斯的秘密日记"
    assert data.title_romanized == "Qiaobusi de mi mi ri ji"
    assert (data.isbn13, data.isbn10) == ("9787508617725", "750861772X")
    assert ("刘宁", "Liu, Ning", "other") in data.contributors


def test_bad_record_in_the_middle_does_not_stop_the_file():
    entries = list(reader.read((DATA / "marc-edge-cases" / "pymarc__bad_records.mrc").read_bytes()))
    assert entries[0].record is not None
    assert entries[1].error == reader.BAD_STRUCTURE
    assert entries[-1].record is not None


def test_marcxml_with_external_entity_is_refused():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 a 4500</leader>'
        b'<datafield tag="245" ind1="0" ind2="0"><subfield code="a">&x;</subfield></datafield></record></collection>'
    )
    entries = list(reader.read(evil))
    assert [(e.number, e.error) for e in entries] == [(1, reader.BAD_XML)]


def test_marcxml_record_missing_tag_is_one_error():
    entries = list(
        reader.read((DATA / "marc-edge-cases" / "marc4j__chabon-missing-datafield-tag.xml").read_bytes())
    )
    assert [(e.number, e.error) for e in entries] == [(1, reader.BAD_STRUCTURE)]


def test_unknown_format_is_reported():
    assert [e.error for e in reader.read(b"hello world")] == [reader.UNKNOWN_FORMAT]


def test_flavour_detection_uses_200_without_245():
    unimarc = pymarc.Record()
    unimarc.add_field(
        pymarc.Field(tag="200", indicators=["1", " "], subfields=[pymarc.Subfield("a", "Абай жолы")])
    )
    assert to_data(unimarc)[0] == "unimarc"
    marc21 = pymarc.Record()
    marc21.add_field(pymarc.Field(tag="245", indicators=["1", "0"], subfields=[pymarc.Subfield("a", "Abai")]))
    assert to_data(marc21)[0] == "marc21"


def test_unimarc_linked_latin_twin_becomes_the_romanized_title():
    rec = pymarc.Record()
    rec.add_field(pymarc.Field(tag="001", data="KZ-1"))
    rec.add_field(pymarc.Field(tag="101", indicators=["0", " "], subfields=[pymarc.Subfield("a", "kaz")]))
    for script, title in (("ca", "Абай жолы"), ("ba", "Abai joly")):
        rec.add_field(
            pymarc.Field(
                tag="200",
                indicators=["1", " "],
                subfields=[
                    pymarc.Subfield("6", "a01"),
                    pymarc.Subfield("7", script),
                    pymarc.Subfield("a", title),
                ],
            )
        )
    rec.add_field(
        pymarc.Field(
            tag="700",
            indicators=[" ", "1"],
            subfields=[
                pymarc.Subfield("a", "Әуезов"),
                pymarc.Subfield("g", "Мұхтар"),
                pymarc.Subfield("4", "070"),
            ],
        )
    )
    rec.add_field(
        pymarc.Field(
            tag="686",
            indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "84(5Каз)"), pymarc.Subfield("2", "rubbk")],
        )
    )
    flavour, data = to_data(rec)
    assert (flavour, data.title, data.title_romanized, data.language) == (
        "unimarc",
        "Абай жолы",
        "Abai joly",
        "kaz",
    )
    assert data.contributors == [("Әуезов, Мұхтар", "", "author")]
    assert data.classifications == [("bbk", "84(5Каз)")]


def test_marc21_clc_classification_from_084():
    rec = pymarc.Record()
    rec.add_field(pymarc.Field(tag="245", indicators=["0", "0"], subfields=[pymarc.Subfield("a", "红楼梦")]))
    rec.add_field(
        pymarc.Field(
            tag="084",
            indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "I242.47"), pymarc.Subfield("2", "clc")],
        )
    )
    assert to_data(rec)[1].classifications == [("clc", "I242.47")]


def test_invalid_isbn_is_dropped_and_isbn10_is_normalized_to_13():
    from shanyraq.library.marc.common import isbn_pair

    assert isbn_pair("0-19-852663-6 (pbk.)") == ("9780198526636", "0198526636")
    assert isbn_pair("0-19-852663-7") == ("", "")


def test_numeric_character_references_from_marc8_become_characters():
    from shanyraq.library.marc.common import clean

    assert clean("&#x8ECA;&#x8F2A;&#x6EFE;&#x6EFE") == "車輪滾滾"


def test_a_marc8_record_with_one_broken_escape_keeps_the_characters_of_its_other_values(capfd):
    """pymarc refuses the whole record when one value's escape sequence is cut short; read value
    by value, the film's Chinese title and credits (880) keep their characters, only the broken
    values are replaced, and the report says both (nothing is written to the server's stderr)."""
    (entry,) = reader.read((DATA / "marc-edge-cases" / "marc4j__incomplete_esc_seq.mrc").read_bytes())
    assert not entry.error
    assert {"characters_replaced", "MarcEightWarning"} <= set(entry.warnings)
    vernacular = [v for f in entry.record.get_fields("880") for v in f.get_subfields("a")]
    assert "窃听风云" in vernacular
    assert "刘青云, 古天乐, 吴彦祖, 张静初, 方中信, 王敏德, 李子雄." in vernacular
    assert entry.record["245"]["a"] == "Qie ting feng yun"
    _flavour, data = to_data(entry.record)
    assert data.title == "窃听风云"
    assert capfd.readouterr().err == ""


def _shape(record: pymarc.Record) -> tuple:
    return (
        str(record.leader),
        record.force_utf8,
        [(f.tag, f.control_field, f.data, f.indicators, list(f.subfields)) for f in record.fields],
    )


def test_fast_decoding_builds_exactly_what_pymarc_builds():
    """Every record of every shared ISO 2709 file that the fast path decodes is the record pymarc
    decodes from the same bytes with the same settings; the others are left to pymarc."""
    fast = slow = 0
    for path in GOOD + EDGE:
        data = path.read_bytes()
        if reader.detect_format(data) != "iso2709":
            continue
        args = reader._reader_args(reader.detect_encoding(data))
        chunks = data.split(reader.RECORD_END)
        for chunk in (c.lstrip(b"\r\n \x00\x1a") + reader.RECORD_END for c in chunks):
            got = reader._fast_record(
                chunk, args.get("force_utf8", False), args.get("file_encoding", "iso8859-1")
            )
            if got is None:
                slow += 1
                continue
            want = pymarc.Record(data=chunk, hide_utf8_warnings=True, **args)
            assert _shape(got) == _shape(want), path.name
            fast += 1
    assert fast > 900 and slow > 50


def _entry_shape(e: reader.Entry) -> tuple:
    return (e.number, e.error, e.detail, e.warnings, e.raw, e.encoding, e.record and _shape(e.record))


@pytest.mark.parametrize("path", GOOD + EDGE, ids=lambda p: p.name)
def test_a_clean_file_read_in_parts_gives_the_entries_of_one_pass(path):
    data = path.read_bytes()
    starts = reader.record_starts(data) if reader.detect_format(data) == "iso2709" else None
    whole = [_entry_shape(e) for e in reader.read(data)]
    if starts is None:
        return  # read in one pass by the importer
    encoding = reader.iso2709_encoding(data)
    for step in (1, 2, 3):
        bounds = starts[::step] + [len(data)]
        parts = []
        for i in range(len(bounds) - 1):
            part = data[bounds[i] : bounds[i + 1]]
            parts += [_entry_shape(e) for e in reader.read(part, part_of=(encoding, i * step + 1))]
        assert parts == whole


def test_files_with_gaps_or_broken_lengths_are_not_cut():
    iso = [p.read_bytes() for p in EDGE if reader.detect_format(p.read_bytes()) == "iso2709"]
    cut = [data for data in iso if reader.record_starts(data)]
    assert (len(iso), len(cut)) == (54, 40)
    assert reader.record_starts(b"\n" + iso[0]) is None
    assert reader.record_starts(iso[0] + b"\n") is None


def _unimarc_titles() -> dict[int, tuple[str, str]]:
    entries = reader.read((DATA / "unimarc-rusmarc" / "pythonirbis__rusmarc_nlr_test1.iso").read_bytes())
    return {e.number: (to_data(e.record)[1].title, to_data(e.record)[1].series) for e in entries if e.record}


def test_a_unimarc_volume_without_its_own_title_is_titled_with_its_set():
    titles = _unimarc_titles()
    # 200 0# $a Вып. 13. and 461 $1 2001 $a Задачи и этюды
    assert titles[1] == ("Задачи и этюды. Вып. 13", "")
    # 200 0# $a Т. 2 $h кн. 4 $i Народная дипломатия и туризм
    assert titles[19][0] == "Туризм: история и современность. Т. 2, кн. 4, Народная дипломатия и туризм"
    assert titles[22][0] == (
        "Туризм: история и современность. Т. 3, кн. 5, Туризм как сфера деятельности, "
        "кн. 6, Планирование и управление в туризме"
    )


def test_a_unimarc_volume_with_its_own_title_keeps_it_and_names_the_set_as_series():
    # 200 1# $a Пьесы. Киносценарии... and 461 $a Собрание сочинений $v Т. 2
    assert _unimarc_titles()[23] == (
        "Пьесы. Киносценарии. Публицистика. Статьи. Выступления. Письма",
        "Собрание сочинений ; Т. 2",
    )

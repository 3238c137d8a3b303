"""CSV/XLSX import: every bad row reported, nothing written unless clean, re-import updates."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from shanyraq.collection.models import Artifact
from shanyraq.collection.services.imports import artifacts_import, read_rows
from shanyraq.collection.services.walters import walters_import
from shanyraq.core.testdata import TEST_DATA
from shanyraq.search.selectors import search_ids

pytestmark = pytest.mark.django_db

HEADER = "accession_number,title_en,title_kk,category,period,materials,earliest_year,latest_year,height,unit,published\n"


def csv_bytes(body: str, encoding="utf-8", bom=False) -> bytes:
    data = (HEADER + body).encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def run(data: bytes, name="f.csv", dry_run=False):
    return artifacts_import(actor=None, rows=read_rows(data, name), dry_run=dry_run)


def test_clean_csv_creates_artifacts_with_terms_and_bce_years(vocab):
    report = run(
        csv_bytes("K.1,Cauldron,Қазан,archaeology,saka,bronze;iron,500 BCE,5th century BC,45.5,cm,yes\n")
    )
    assert (report.ok, report.created, report.written) == (True, 1, True)
    art = Artifact.objects.get(accession_number="K.1")
    assert (art.title_kk, art.category.slug, art.period.slug, art.earliest_year, art.latest_year) == (
        "Қазан",
        "archaeology",
        "saka",
        -500,
        -401,
    )
    assert sorted(art.materials.values_list("slug", flat=True)) == ["bronze", "iron"]
    assert str(art.height) == "45.50"


def test_terms_match_by_name_in_any_language(vocab):
    run(
        csv_bytes("K.2,Dombra,Домбыра,Музыкалық аспаптар,Kazakh Khanate (1465-1847),ағаш,1700,1800,,cm,yes\n")
    )
    art = Artifact.objects.get(accession_number="K.2")
    assert (art.category.slug, art.period.slug, list(art.materials.values_list("slug", flat=True))) == (
        "musical-instruments",
        "kazakh-khanate",
        ["wood"],
    )


def test_every_bad_row_is_reported_and_nothing_is_written(vocab):
    body = (
        "K.1,Good,,archaeology,saka,bronze,-500,-400,,cm,yes\n"
        "K.2,Bad term,,pottery,saka,,,,,cm,yes\n"
        "K.3,Bad year,,archaeology,,,soon,,,cm,yes\n"
        "K.1,Duplicate,,archaeology,,,,,,cm,yes\n"
        ",No number,,,,,,,abc,in,maybe\n"
    )
    report = run(csv_bytes(body))
    found = [(e.row, e.column, e.value) for e in report.errors]
    assert found == [
        (3, "category", "pottery"),
        (4, "earliest_year", "soon"),
        (5, "accession_number", "K.1"),
        (6, "accession_number", ""),
        (6, "height", "abc"),
        (6, "unit", "in"),
        (6, "published", "maybe"),
    ]
    assert Artifact.objects.count() == 0


def test_error_messages_are_in_the_user_language(vocab):
    with translation.override("ru"):
        report = run(csv_bytes("K.3,Bad year,,archaeology,,,soon,,,cm,yes\n"))
    assert report.errors[0].message.startswith("Не удаётся прочитать год")


def test_dry_run_reports_counts_and_writes_nothing(vocab):
    report = run(csv_bytes("K.1,Cauldron,,archaeology,,,,,,cm,yes\n"), dry_run=True)
    assert (report.ok, report.created, report.written, Artifact.objects.count()) == (True, 1, False, 0)


def test_reimport_updates_by_accession_number_never_duplicates(vocab):
    run(csv_bytes("K.1,Cauldron,,archaeology,saka,bronze,,,,cm,yes\n"))
    report = run(csv_bytes("K.1,Bronze cauldron,,archaeology,saka,iron,,,,cm,no\n"))
    art = Artifact.objects.get(accession_number="K.1")
    assert (report.created, report.updated, Artifact.objects.count()) == (0, 1, 1)
    assert (art.title_en, art.published, list(art.materials.values_list("slug", flat=True))) == (
        "Bronze cauldron",
        False,
        ["iron"],
    )


def test_formula_like_cells_are_stored_as_text(vocab):
    run(csv_bytes('K.1,"=HYPERLINK(""http://x"")",+7 727,archaeology,,,,,,cm,yes\n'))
    art = Artifact.objects.get(accession_number="K.1")
    assert (art.title_en, art.title_kk) == ('=HYPERLINK("http://x")', "+7 727")


def test_xlsx_formulas_are_kept_as_their_text(vocab):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["accession_number", "title_en", "earliest_year", "published"])
    sheet.append(["X.1", "=1+1", -500, "yes"])
    sheet.append(["X.2", "@SUM(A1:A2)", "5th century BC", "no"])
    out = io.BytesIO()
    book.save(out)
    report = run(out.getvalue(), name="f.xlsx")
    assert report.ok
    assert dict(Artifact.objects.values_list("accession_number", "title_en")) == {
        "X.1": "=1+1",
        "X.2": "@SUM(A1:A2)",
    }
    assert Artifact.objects.get(accession_number="X.2").earliest_year == -500


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1251", False)])
def test_encodings_utf8_with_and_without_bom_and_cp1251(vocab, encoding, bom):
    run(
        csv_bytes(
            "K.1,Kettle,Қазан,,,,,,,cm,yes\n" if encoding != "cp1251" else "K.1,Котёл,,,,,,,,cm,yes\n",
            encoding,
            bom,
        )
    )
    art = Artifact.objects.get(accession_number="K.1")
    assert art.title_en in {"Kettle", "Котёл"}
    if encoding == "cp1251":
        assert art.title_en == "Котёл"


def test_semicolon_separated_csv_is_read(vocab):
    data = b"accession_number;title_en;published\nS.1;Saddle;yes\n"
    assert run(data).created == 1


def test_imported_artifacts_are_indexed_in_bulk(vocab):
    run(csv_bytes("K.1,Golden cauldron,Алтын қазан,archaeology,,,,,,cm,yes\n"))
    assert search_ids("қазан", kind="artifact") == [str(Artifact.objects.get().pk)]


def test_command_dry_run_prints_errors_and_fails(vocab, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("K.1,Cauldron,,pottery,,,,,,cm,yes\n"))
    with pytest.raises(CommandError):
        call_command("import_artifacts", str(path), "--dry-run")
    assert "row 2, column category, value 'pottery'" in capsys.readouterr().out
    assert Artifact.objects.count() == 0


def test_command_imports_a_clean_file(vocab, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes(csv_bytes("K.1,Cauldron,,archaeology,,,,,,cm,yes\n"))
    call_command("import_artifacts", str(path))
    assert Artifact.objects.get().title_en == "Cauldron"


def walters_path() -> Path:
    return TEST_DATA / "museum-objects-walters" / "walters_objects.jsonl"


def test_walters_records_import_with_cc0_credit_and_reimport_does_not_duplicate(vocab):
    report = walters_import(actor=None, path=walters_path())
    assert (report.ok, report.created) == (True, 2389)
    report = walters_import(actor=None, path=walters_path(), limit=50)
    assert (report.created, report.updated, Artifact.objects.count()) == (0, 50, 2389)
    art = Artifact.objects.get(accession_number="WAM.W.602.494B")
    assert (art.title_en, art.category.slug, art.earliest_year, art.source) == (
        "Bahram Gur Hunts with his Men",
        "manuscripts",
        1618,
        "walters",
    )
    assert art.credit_line_en.startswith("The Walters Art Museum, Baltimore (CC0 metadata)")
    assert Artifact.objects.filter(source="walters", earliest_year__lt=0).exists()


def test_import_cannot_republish_a_deaccessioned_artifact(vocab):
    from shanyraq.collection.services.procedures import artifact_deaccession

    run(csv_bytes("K.1,Cauldron,,archaeology,,,,,,cm,yes\n"))
    artifact_deaccession(actor=None, artifact=Artifact.objects.get(), method="transfer", reason="Transfer")
    report = run(csv_bytes("K.1,Cauldron,,archaeology,,,,,,cm,yes\n"))
    assert [(e.row, e.column) for e in report.errors] == [(2, "published")]
    assert Artifact.objects.get().published is False


def _corpus_maker():
    """tests/data/malformed/make.py, which writes workbooks of any length by hand."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("malformed_make", TEST_DATA / "malformed" / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_500000_row_workbook_is_refused_from_its_dimension_without_reading_rows():
    import time

    from shanyraq.collection.services.imports import FileFormatError

    data = _corpus_maker().xlsx(500_000)
    started = time.process_time()
    with translation.override("kk"), pytest.raises(FileFormatError) as refused:
        read_rows(data, "big.xlsx")
    assert time.process_time() - started < 1.0  # was 32 s of CPU
    assert str(refused.value) == (
        "Файлда 50000 жолдан көп; оны әрқайсысы 50000 жолдан аспайтын бірнеше файлға бөліңіз."
    )


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_a_workbook_without_a_true_dimension_stops_at_the_first_row_past_the_limit(settings, dimension):
    from shanyraq.collection.services.imports import FileFormatError

    settings.COLLECTION_IMPORT_MAX_ROWS = 100
    maker = _corpus_maker()
    assert len(read_rows(maker.xlsx(100, dimension=dimension), "ok.xlsx")) == 100
    with pytest.raises(FileFormatError, match="more than 100 rows"):
        read_rows(maker.xlsx(5_000, dimension=dimension), "long.xlsx")


def test_a_csv_over_the_row_limit_is_refused(settings):
    from shanyraq.collection.services.imports import FileFormatError

    settings.COLLECTION_IMPORT_MAX_ROWS = 3
    assert len(read_rows(csv_bytes("K.1,A\nK.2,B\nK.3,C\n"), "ok.csv")) == 3
    with pytest.raises(FileFormatError, match="more than 3 rows"):
        read_rows(csv_bytes("K.1,A\nK.2,B\nK.3,C\nK.4,D\n"), "long.csv")

"""A large file is read and mapped in a helper process (marc/pipeline.py): the result must be the
same, row for row, as when everything runs in this process."""

import pytest
from django.forms.models import model_to_dict

from shanyraq.library.documents import record_path
from shanyraq.library.models import Classification, Contributor, Record, Subject
from shanyraq.library.services import marc_import as mi
from shanyraq.library.tests.data import DATA
from shanyraq.search.models import SearchEntry, SearchTerm, SearchWord
from shanyraq.search.services import index_clear

FILES = [
    DATA / "unimarc-rusmarc" / "pythonirbis__rusmarc_nlr_test1.iso",
    DATA / "marc-multiscript-880" / "openlibrary__880_arabic_french_many_linkages.mrc",
    DATA / "marc-multiscript-880" / "traject__hebrew880s.marc",
    DATA / "marc-edge-cases" / "pymarc__bad_records.mrc",
]


def _snapshot(report) -> dict:
    records = list(Record.objects.order_by("pk"))
    order = {r.pk: i for i, r in enumerate(records)}
    skip = {"id", "created_at", "updated_at", "cover"}
    entries = {int(e.object_id): e for e in SearchEntry.objects.filter(kind="record")}
    assert all(entries[r.pk].path == record_path(r.pk) for r in records)
    return {
        "lines": [
            (
                x.number,
                x.control_number,
                x.status,
                x.reason,
                x.detail,
                x.title,
                x.flavour,
                x.notes,
                order.get(x.record_id),
            )
            for x in report.lines
        ],
        "records": [
            {k: v for k, v in model_to_dict(r).items() if k not in skip} | {"raw": bytes(r.marc_raw or b"")}
            for r in records
        ],
        "names": sorted(
            (order[c.record_id], c.order, c.name, c.name_parallel, c.role) for c in Contributor.objects.all()
        ),
        "subjects": sorted((order[s.record_id], s.heading) for s in Subject.objects.all()),
        "classes": sorted((order[c.record_id], c.scheme, c.number) for c in Classification.objects.all()),
        "index": [
            (
                e.titles,
                e.summaries,
                e.public,
                e.title_keys,
                e.body_keys,
                e.meta_keys,
                e.title_exact,
                e.title_phrases,
            )
            for e in (entries[r.pk] for r in records)
        ],
        "words": set(SearchWord.objects.values_list("term", flat=True)),
        "terms": set(SearchTerm.objects.values_list("variant", "term")),
    }


def _wipe() -> None:
    Record.objects.all().delete()
    index_clear()


@pytest.mark.django_db
@pytest.mark.parametrize("batch", [500, 7])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_helper_processes_import_exactly_what_the_inline_import_does(path, batch, monkeypatch):
    """With small batches the file is cut into parts that the two helpers take turns over."""
    monkeypatch.setattr(mi, "BATCH", batch)
    data = path.read_bytes()
    inline = _snapshot(mi.marc_import(data=data, parallel=False, is_public=False))
    _wipe()
    helper = _snapshot(mi.marc_import(data=data, parallel=True, is_public=False))
    assert inline["records"]
    assert helper == inline


@pytest.mark.django_db
def test_helper_process_dry_run_writes_nothing():
    report = mi.marc_import(data=FILES[0].read_bytes(), parallel=True, dry_run=True)
    assert report.count(mi.WOULD_CREATE) == 80
    assert (Record.objects.count(), SearchEntry.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_helper_process_reports_duplicates_of_earlier_batches(monkeypatch):
    monkeypatch.setattr(mi, "BATCH", 7)
    data = FILES[0].read_bytes()
    mi.marc_import(data=data, parallel=True)
    report = mi.marc_import(data=data, parallel=True)
    assert (report.count(mi.DUPLICATE), Record.objects.count()) == (81, 80)


def _entries() -> list[tuple]:
    """Index entries, with each key column as a sorted list: PostgreSQL's jsonb stores the keys of
    `parallel` in its own order, so a record read back lists its other-script forms in another
    order than the mapping produced (the same keys, the same search results)."""
    rows = SearchEntry.objects.order_by("object_id").values_list(
        "object_id", "titles", "summaries", "path", "public", "title_keys", "body_keys", "meta_keys",
        "title_exact", "title_phrases",
    )  # fmt: skip
    return [
        (*row[:5], *(sorted(col.split()) for col in row[5:9]), sorted(row[9].split("\n"))) for row in rows
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("parallel", [False, True])
def test_imported_index_entries_equal_a_reindex_of_the_saved_records(parallel):
    from shanyraq.library.services.catalogue import records_index

    for path in FILES[:3]:
        mi.marc_import(data=path.read_bytes(), parallel=parallel)
    imported = _entries()
    words = set(SearchWord.objects.values_list("term", flat=True))
    index_clear()
    records_index(Record.objects.values_list("pk", flat=True))
    assert imported == _entries()
    assert words == set(SearchWord.objects.values_list("term", flat=True))


@pytest.mark.django_db
def test_helper_process_merges_like_the_inline_import(monkeypatch):
    monkeypatch.setattr(mi, "BATCH", 7)
    data = FILES[0].read_bytes()
    mi.marc_import(data=data, parallel=False)
    Record.objects.update(title="changed")
    inline = mi.marc_import(data=data, parallel=False, merge=True)
    Record.objects.update(title="changed")
    helper = mi.marc_import(data=data, parallel=True, merge=True)
    assert [(x.status, x.record_id) for x in helper.lines] == [(x.status, x.record_id) for x in inline.lines]
    assert helper.count(mi.MERGED) == 81
    assert not Record.objects.filter(title="changed").exists()


@pytest.mark.django_db
def test_the_garbage_collector_runs_again_after_an_import():
    import gc

    mi.marc_import(data=FILES[0].read_bytes(), parallel=True)
    assert gc.isenabled()

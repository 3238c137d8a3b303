"""OPAC listing: facets and filters over the hit list, newest-first browsing, and the result cap."""

import pytest
from django.urls import reverse

from shanyraq.library import selectors
from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.search.selectors import search_ids

pytestmark = pytest.mark.django_db


def _book(title, *, language="kaz", year=2020, subjects=(), format="book", copies=(), public=True):
    record = record_create(
        data=RecordData(title=title, language=language, year=year, subjects=list(subjects), format=format),
        is_public=public,
    )
    for n, status in enumerate(copies):
        copy = copy_create(record=record, barcode=f"{record.pk}-{n}")
        Copy.objects.filter(pk=copy.pk).update(status=status)
    return record


@pytest.fixture
def shelf():
    """Six public "Дала" books spread over every facet, and one unpublished."""
    return [
        _book("Дала 1", language="kaz", year=2019, subjects=["Поэзия"], copies=["available"]),
        _book("Дала 2", language="kaz", year=2020, subjects=["Поэзия", "Тарих"], copies=["on_loan"]),
        _book("Дала 3", language="rus", year=2020, subjects=["Тарих"], copies=["on_loan", "available"]),
        _book("Дала 4", language="eng", year=2021, format="map"),
        _book("Дала 5", language="kaz", year=None, subjects=["Поэзия"], copies=["lost"]),
        _book("Дала 6", language="", year=2018, subjects=["Тарих"], copies=["available"]),
        _book("Дала 7", public=False, copies=["available"]),
    ]


def test_search_facets_equal_the_database_counts_of_the_same_records(shelf):
    public = [r.pk for r in shelf if r.is_public]
    expected = selectors._facets(selectors.records_public().filter(pk__in=public))
    assert selectors.opac_search(q="дала").facets == expected


def test_search_facets_count_each_facet_value(shelf):
    facets = selectors.opac_search(q="дала").facets
    assert facets["language"] == [("kaz", 3), ("eng", 1), ("rus", 1)]
    assert facets["year"] == [(2021, 1), (2020, 2), (2019, 1), (2018, 1)]
    assert facets["format"] == [("book", 5), ("map", 1)]
    assert facets["subject"] == [("Поэзия", 3), ("Тарих", 3)]
    assert facets["available"] == [("1", 3)]
    assert facets["_total"] == 6


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"language": "kaz"}, {"Дала 1", "Дала 2", "Дала 5"}),
        ({"year": "2020"}, {"Дала 2", "Дала 3"}),
        ({"subject": "Тарих"}, {"Дала 2", "Дала 3", "Дала 6"}),
        ({"format": "map"}, {"Дала 4"}),
        ({"available": True}, {"Дала 1", "Дала 3", "Дала 6"}),
        ({"language": "kaz", "subject": "Поэзия", "available": True}, {"Дала 1"}),
    ],
)
def test_search_filters_keep_only_matching_records(shelf, params, titles):
    result = selectors.opac_search(q="дала", **params)
    assert {r.title for r in result.records} == titles
    assert result.total == len(titles)
    assert result.facets["_total"] == len(titles)


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"language": "kaz"}, ["Дала 5", "Дала 2", "Дала 1"]),
        ({"subject": "Тарих"}, ["Дала 6", "Дала 3", "Дала 2"]),
        ({"available": True}, ["Дала 6", "Дала 3", "Дала 1"]),
        ({"year": "2020", "language": "rus"}, ["Дала 3"]),
    ],
)
def test_browsing_with_a_filter_lists_matching_records_newest_first(shelf, params, titles):
    result = selectors.opac_search(**params)
    assert [r.title for r in result.records] == titles
    assert result.total == len(titles)
    assert result.capped is False


def test_search_keeps_the_ranked_order(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    ranked = [int(i) for i in search_ids("дала", kind="record")]
    result = selectors.opac_search(q="дала", page=2)
    assert [r.pk for r in result.records] == ranked[2:4]
    assert (result.page, result.pages) == (2, 3)


def test_search_marks_records_available_now(shelf):
    result = selectors.opac_search(q="дала")
    assert {r.title for r in result.records if r.is_available} == {"Дала 1", "Дала 3", "Дала 6"}


def test_a_search_with_more_hits_than_the_cap_counts_the_best_ranked_only(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 4)
    ranked = [int(i) for i in search_ids("дала", kind="record")]
    result = selectors.opac_search(q="дала")
    assert result.capped is True
    assert result.cap == 4
    assert result.total == 4
    assert result.facets["_total"] == 4
    assert [r.pk for r in result.records] == ranked[:4]


def test_a_search_with_exactly_as_many_hits_as_the_cap_is_not_capped(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 6)
    result = selectors.opac_search(q="дала")
    assert (result.capped, result.total) == (False, 6)


def test_browsing_with_more_matches_than_the_cap_takes_the_newest(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "BROWSE_CAP", 2)
    result = selectors.opac_search(language="kaz")
    assert (result.capped, result.cap) == (True, 2)
    assert [r.title for r in result.records] == ["Дала 5", "Дала 2"]
    assert result.facets["year"] == [(2020, 1)]


def test_the_whole_catalogue_is_counted_in_full_whatever_the_cap(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 2)
    monkeypatch.setattr(selectors, "BROWSE_CAP", 2)
    result = selectors.opac_search()
    assert (result.capped, result.total) == (False, 6)
    assert [r.title for r in result.records] == ["Дала 6", "Дала 5", "Дала 4", "Дала 3", "Дала 2", "Дала 1"]


def test_the_page_tells_the_visitor_when_the_list_is_cut(client, shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 4)
    text = client.get(reverse("library:opac"), {"q": "дала"}).text
    assert "More than 4 books" in text
    assert "Counts and pages cover the first 4" in text


def test_the_page_shows_the_exact_count_below_the_cap(client, shelf):
    text = client.get(reverse("library:opac"), {"q": "дала"}).text
    assert "6 books" in text
    assert "More than" not in text


def test_the_api_says_when_the_list_is_cut(client, shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 4)
    data = client.get("/api/v1/records", {"q": "дала"}).json()
    assert (data["count"], data["capped"]) == (4, True)


def test_browsing_is_not_cut_by_the_search_cap(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "RESULT_CAP", 2)
    result = selectors.opac_search(language="kaz")
    assert (result.capped, [r.title for r in result.records]) == (False, ["Дала 5", "Дала 2", "Дала 1"])


@pytest.mark.parametrize("browse", [True, False], ids=["browsing", "searching"])
def test_a_book_the_library_does_not_hold_is_not_shown_as_out_on_loan(client, browse):
    _book("Жұлдыз 1", copies=["available", "on_loan"])
    _book("Жұлдыз 2", copies=["on_loan"])
    _book("Жұлдыз 3")
    _book("Жұлдыз 4", copies=["reference"])
    _book("Жұлдыз 5", copies=["lost", "damaged"])
    result = selectors.opac_search(**({} if browse else {"q": "Жұлдыз"}))
    assert sorted((r.title, r.holding) for r in result.records) == [
        ("Жұлдыз 1", "available"),
        ("Жұлдыз 2", "out"),
        ("Жұлдыз 3", "none"),
        ("Жұлдыз 4", "reference"),
        ("Жұлдыз 5", "gone"),
    ]
    page = client.get(reverse("library:opac") + ("" if browse else "?q=Жұлдыз")).text
    assert page.count("not available now") == 1
    assert page.count("no copy in the library") == 1
    assert page.count("for use in the library only") == 1
    assert page.count("no copy can be lent") == 1

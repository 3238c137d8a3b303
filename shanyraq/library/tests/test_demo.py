"""The demo loads through the services: real books in four languages, patrons, loans.

Loading takes a few seconds, so each test checks one aspect of one load, grouped in two tests.
"""

from collections import Counter

import pytest
from django.core import mail

from shanyraq.library import demo
from shanyraq.library.models import Copy, Holiday, Loan, Patron, Record
from shanyraq.search.selectors import search_ids


@pytest.fixture
def loaded(db):
    from shanyraq.spaces.models import Space

    Space.objects.create(slug="library", kind="library", name="Library")
    return demo.load()


def test_demo_catalogue_has_about_1000_real_books_in_four_languages_with_romanized_twins(loaded):
    assert 950 <= loaded["records"] == Record.objects.count() <= 1100
    by_language = Counter(Record.objects.values_list("language", flat=True))
    assert set(by_language) == {"kaz", "rus", "chi", "eng"}
    assert min(by_language.values()) >= 140
    # The MARC part came through the importer, with its original MARC kept.
    imported = Record.objects.exclude(marc_flavour="")
    assert imported.count() >= 300
    assert {"marc21", "unimarc"} <= set(imported.values_list("marc_flavour", flat=True))
    assert not imported.filter(marc_xml="", marc_raw__isnull=True).exists()
    abai = Record.objects.get(title="Абай жолы")
    assert abai.title_romanized == "Abai joly"
    assert abai.contributors.get().name_parallel == "Mūhtar Äuezov"
    assert str(abai.pk) in search_ids("abai joly", kind="record")
    assert Copy.objects.count() > loaded["records"]


def test_demo_circulation_has_patrons_loans_and_closed_days(loaded):
    assert Patron.objects.filter(category="child", person__guardian__isnull=False).count() == 1
    assert Loan.objects.filter(returned_at__isnull=True).count() >= 5
    assert Holiday.objects.filter(date__year=2026).count() >= 30
    assert all(loan.due_on.weekday() != 0 for loan in Loan.objects.all())
    assert mail.outbox == []

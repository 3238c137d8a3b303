"""The demo loads through the services: real books in four languages, patrons, loans.

Loading takes a few seconds, so each test checks one aspect of one load, grouped in two tests.
"""

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


def test_demo_catalogue_has_200_real_books_in_four_languages_with_romanized_twins(loaded):
    assert loaded["records"] >= 200
    assert set(Record.objects.values_list("language", flat=True)) == {"kaz", "rus", "chi", "eng"}
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

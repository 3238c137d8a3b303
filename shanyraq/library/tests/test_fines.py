"""Fines are off by default; with a daily rate they grow per overdue day up to the cap."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.services.fines import fines_enabled, loan_fine
from shanyraq.library.tests.factories import CopyFactory, PatronFactory

pytestmark = pytest.mark.django_db


def overdue_loan(days):
    loan = copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    loan.due_on = timezone.localdate() - dt.timedelta(days=days)
    return loan


def test_fines_are_off_by_default():
    assert (fines_enabled(), loan_fine(overdue_loan(10))) == (False, Decimal(0))


def test_fine_is_rate_times_days_overdue(settings):
    settings.LIBRARY_FINE_PER_DAY = "0.50"
    assert loan_fine(overdue_loan(4)) == Decimal("2.00")


def test_fine_is_capped(settings):
    settings.LIBRARY_FINE_PER_DAY = "1"
    settings.LIBRARY_FINE_CAP = "5"
    assert loan_fine(overdue_loan(30)) == Decimal("5")


def test_account_shows_the_fine_when_enabled(settings, client, django_user_model):
    from django.urls import reverse

    from shanyraq.library.models import Loan
    from shanyraq.library.tests.factories import PersonFactory

    settings.LIBRARY_FINE_PER_DAY = "1"
    user = django_user_model.objects.create_user(username="r", password="pw")
    patron = PatronFactory(person=PersonFactory(user=user))
    loan = copy_checkout(barcode=CopyFactory().barcode, patron=patron)
    Loan.objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(user)
    assert "fine 3" in client.get(reverse("library:account")).text

"""Loan history is forgotten after N days unless the patron opted in; statistics stay."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from shanyraq.library import reports
from shanyraq.library.models import Loan
from shanyraq.library.services.circulation import copy_checkin, copy_checkout
from shanyraq.library.services.privacy import loans_anonymize
from shanyraq.library.tests.factories import CopyFactory, PatronFactory, PersonFactory
from shanyraq.people.models import Consent
from shanyraq.people.services import consent_record

pytestmark = pytest.mark.django_db


def returned_loan(patron, days_ago):
    copy = CopyFactory()
    copy_checkout(barcode=copy.barcode, patron=patron)
    copy_checkin(barcode=copy.barcode, now=timezone.now() - dt.timedelta(days=days_ago))
    return Loan.objects.get(copy=copy)


def test_old_returned_loans_are_anonymized():
    loan = returned_loan(PatronFactory(), days_ago=31)
    assert loans_anonymize() == 1
    loan.refresh_from_db()
    assert (loan.patron_id, loan.anonymized, loan.patron_category) == (None, True, "adult")


def test_recent_returns_are_kept():
    returned_loan(PatronFactory(), days_ago=5)
    assert loans_anonymize() == 0


def test_open_loans_are_never_anonymized():
    copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    assert loans_anonymize(days=0) == 0


def test_opted_in_patron_keeps_history():
    patron = PatronFactory()
    consent_record(person=patron.person, kind=Consent.Kind.LOAN_HISTORY, granted=True)
    returned_loan(patron, days_ago=60)
    assert loans_anonymize() == 0


def test_withdrawn_consent_means_forgetting_again():
    patron = PatronFactory()
    consent_record(person=patron.person, kind=Consent.Kind.LOAN_HISTORY, granted=True)
    consent_record(person=patron.person, kind=Consent.Kind.LOAN_HISTORY, granted=False)
    returned_loan(patron, days_ago=60)
    assert loans_anonymize() == 1


def test_history_days_come_from_settings(settings):
    settings.LIBRARY_LOAN_HISTORY_DAYS = 90
    returned_loan(PatronFactory(), days_ago=60)
    assert loans_anonymize() == 0


def test_statistics_survive_anonymization():
    returned_loan(PatronFactory(category="staff"), days_ago=40)
    loans_anonymize()
    month = timezone.localdate().strftime("%Y-%m")
    assert reports.loans_by_month() == [(month, "eng", "staff", 1)]


def test_command_reports_count():
    returned_loan(PatronFactory(), days_ago=31)
    out = io.StringIO()
    call_command("anonymize_loans", stdout=out)
    assert out.getvalue().strip() == "anonymized loans: 1\nanonymized holds: 0"


def test_no_patron_data_in_logs(caplog):
    caplog.set_level(logging.DEBUG)
    patron = PatronFactory(person=PersonFactory(name="Secret Name", email="secret@example.org"))
    copy = CopyFactory()
    copy_checkout(barcode=copy.barcode, patron=patron)
    copy_checkin(barcode=copy.barcode)
    assert "Secret Name" not in caplog.text and "secret@example.org" not in caplog.text

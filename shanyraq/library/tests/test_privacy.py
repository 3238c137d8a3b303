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


def test_anonymizing_a_loan_drops_the_reason_staff_gave_to_lend_it():
    patron = PatronFactory(expires_on=timezone.localdate() - dt.timedelta(days=1))
    copy = CopyFactory()
    copy_checkout(barcode=copy.barcode, patron=patron, override_reason="Qzx promised to renew the card")
    copy_checkin(barcode=copy.barcode, now=timezone.now() - dt.timedelta(days=31))
    assert loans_anonymize() == 1
    assert Loan.objects.get(copy=copy).override_reason == ""


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
    assert reports.loans_by_month() == [(month, "English", "staff", 1)]


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


def _reader_history(clock, django_user_model):
    """A reader who renewed a loan and placed holds themselves (one collected, one cancelled,
    one still waiting), everything returned; the librarian did the desk work."""
    from shanyraq.library.services.circulation import hold_cancel, hold_place, loan_renew

    user = django_user_model.objects.create_user("qzxreader", password="pw")
    patron = PatronFactory(
        person=PersonFactory(name="Qzxreader Name", email="qzxreader@example.org", user=user)
    )
    librarian = django_user_model.objects.create_user("librarian", is_staff=True)
    copy = CopyFactory()
    loan = copy_checkout(barcode=copy.barcode, patron=patron, actor=librarian)
    loan_renew(loan=loan, actor=user, now=timezone.now() + dt.timedelta(days=7))  # moves the due date
    copy_checkin(barcode=copy.barcode, actor=librarian)
    wanted = CopyFactory()
    copy_checkout(barcode=wanted.barcode, patron=PatronFactory(), actor=librarian)
    collected = hold_place(record=wanted.record, patron=patron, actor=user)
    copy_checkin(barcode=wanted.barcode, actor=librarian)
    copy_checkout(barcode=wanted.barcode, patron=patron, actor=librarian)
    copy_checkin(barcode=wanted.barcode, actor=librarian)
    busy = CopyFactory()
    copy_checkout(barcode=busy.barcode, patron=PatronFactory(), actor=librarian)
    cancelled = hold_place(record=busy.record, patron=patron, actor=user)
    hold_cancel(hold=cancelled, actor=user)
    waiting = hold_place(record=busy.record, patron=patron, actor=user)
    return patron, user, librarian, [collected, cancelled], waiting


def test_anonymization_cuts_every_link_between_reader_and_loans_and_holds(clock, django_user_model):
    from shanyraq.core.models import AuditEvent
    from shanyraq.library.models import Hold
    from shanyraq.library.services.privacy import history_anonymize

    patron, user, librarian, finished, waiting = _reader_history(clock, django_user_model)
    mine = {"library.loan": [str(loan.pk) for loan in Loan.objects.filter(patron=patron)]}
    mine["library.hold"] = [str(h.pk) for h in finished]
    later = timezone.now() + dt.timedelta(days=40)

    assert history_anonymize(now=later) == (3, 2)  # another reader's returned loan too

    assert Loan.objects.filter(patron=patron).count() == 0
    assert list(Hold.objects.filter(patron=patron)) == [waiting]  # an active hold is still needed
    assert Hold.objects.filter(pk__in=[h.pk for h in finished], patron=None, anonymized=True).count() == 2
    about = [e for e in AuditEvent.objects.all() if e.target_id in mine.get(e.target_type, [])]
    # The desk's work stays attributed to the librarian; nothing about these rows names the reader.
    assert {(e.action, e.actor_id) for e in about} == {
        ("hold.cancel", None),
        ("hold.place", None),
        ("loan.checkout", librarian.pk),
        ("loan.renew", None),
    }
    assert (
        AuditEvent.objects.filter(actor=user).values_list("action", flat=True).get() == "hold.place"
    )  # waiting


def test_anonymized_history_leaves_no_reader_marker_next_to_a_loan(clock, django_user_model):
    from shanyraq.library.services.privacy import history_anonymize
    from shanyraq.people.tests import scan

    patron, user, *_ = _reader_history(clock, django_user_model)
    history_anonymize(now=timezone.now() + dt.timedelta(days=40))
    # The reader's identity is still where the reader is (person, login, card), nowhere else.
    found = scan.find(["Qzxreader Name", "qzxreader@example.org", "qzxreader", patron.barcode])
    assert {where for places in found.values() for where in places} == {
        "auth.User.username", "auth_user.username",
        "people.Person.name", "people_person.name", "people.Person.email", "people_person.email",
        "library.Patron.barcode", "library_patron.barcode",
    }  # fmt: skip


def test_a_reader_keeping_history_keeps_holds_too(clock, django_user_model):
    from shanyraq.library.services.privacy import history_anonymize

    patron, *_ = _reader_history(clock, django_user_model)
    consent_record(person=patron.person, kind=Consent.Kind.LOAN_HISTORY, granted=True)
    assert history_anonymize(now=timezone.now() + dt.timedelta(days=40)) == (1, 0)  # only the other reader's


def test_recent_finished_holds_are_kept(clock, django_user_model):
    from shanyraq.library.services.privacy import holds_anonymize

    _reader_history(clock, django_user_model)
    assert holds_anonymize() == 0


def test_the_daily_task_anonymizes_loans_and_holds(clock, django_user_model):
    from shanyraq.library.tasks import anonymize_loans

    _reader_history(clock, django_user_model)
    clock.move_to(timezone.now() + dt.timedelta(days=40))
    assert anonymize_loans.enqueue().return_value == [3, 2]

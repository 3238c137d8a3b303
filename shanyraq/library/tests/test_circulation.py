"""Checkout, check-in, renewal, holds, due dates on open days, lost copies."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from shanyraq.library.models import Copy, Hold, Holiday, Loan, LoanRule, OpeningDay
from shanyraq.library.services import circulation as circ
from shanyraq.library.services.calendar import due_date
from shanyraq.library.tests.factories import CopyFactory, PatronFactory, PersonFactory

pytestmark = pytest.mark.django_db


def open_except_monday():
    for wd in range(1, 7):
        OpeningDay.objects.create(weekday=wd, opens=dt.time(10), closes=dt.time(18))


def test_checkout_lends_an_available_copy():
    copy, patron = CopyFactory(), PatronFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=patron)
    copy.refresh_from_db()
    assert copy.status == Copy.Status.ON_LOAN
    assert (loan.patron, loan.patron_category, loan.returned_at) == (patron, "adult", None)


def test_checkout_of_a_copy_on_loan_is_refused_and_writes_nothing():
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    with pytest.raises(ValidationError, match="already on loan"):
        circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    assert Loan.objects.count() == 1


def test_unknown_barcode_is_refused():
    with pytest.raises(ValidationError, match="No copy has the barcode NOPE"):
        circ.copy_checkout(barcode="NOPE", patron=PatronFactory())


def test_expired_card_is_refused():
    patron = PatronFactory(expires_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="expired"):
        circ.copy_checkout(barcode=CopyFactory().barcode, patron=patron)


def test_max_loans_per_category_is_enforced():
    LoanRule.objects.create(
        patron_category="child", copy_type="standard", loan_days=14, renewals=1, max_loans=1
    )
    guardian = PersonFactory()
    child = PatronFactory(category="child", person=PersonFactory(guardian=guardian))
    circ.copy_checkout(barcode=CopyFactory().barcode, patron=child)
    with pytest.raises(ValidationError, match="most allowed"):
        circ.copy_checkout(barcode=CopyFactory().barcode, patron=child)


def test_reference_copy_is_not_lent():
    copy = CopyFactory(status=Copy.Status.REFERENCE)
    with pytest.raises(ValidationError, match="in the library only"):
        circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())


def test_due_date_skips_mondays_and_holidays():
    open_except_monday()
    Holiday.objects.create(date=dt.date(2026, 10, 6), name="National Day")
    # 2026-09-15 (Tue) + 20 days = 2026-10-05 (Mon, closed) -> Tue 6 Oct is a holiday -> Wed 7 Oct
    assert due_date(dt.date(2026, 9, 15), 20) == dt.date(2026, 10, 7)


def test_checkout_due_date_uses_the_rule_and_the_calendar():
    open_except_monday()
    LoanRule.objects.create(patron_category="adult", copy_type="short", loan_days=6, renewals=0, max_loans=3)
    copy = CopyFactory(copy_type="short")
    now = timezone.make_aware(dt.datetime(2026, 3, 3, 11, 0))  # a Tuesday
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory(), now=now)
    assert loan.due_on == dt.date(2026, 3, 10)  # 9 March is a Monday


def test_checkin_returns_the_copy_to_the_shelf():
    copy = CopyFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    result = circ.copy_checkin(barcode=copy.barcode)
    loan.refresh_from_db()
    assert (result.copy.status, result.hold, loan.returned_at is not None) == ("available", None, True)


def test_checkin_of_a_copy_not_on_loan_is_refused():
    with pytest.raises(ValidationError, match="not on loan"):
        circ.copy_checkin(barcode=CopyFactory().barcode)


def test_renewal_moves_the_due_date_and_counts():
    copy = CopyFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    renewed = circ.loan_renew(loan=loan, now=timezone.now() + dt.timedelta(days=10))
    assert renewed.renewals == 1 and renewed.due_on > loan.due_on


def test_renewal_limit_is_enforced():
    LoanRule.objects.create(
        patron_category="adult", copy_type="standard", loan_days=14, renewals=1, max_loans=3
    )
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    later = timezone.now() + dt.timedelta(days=7)
    circ.loan_renew(loan=loan, now=later)
    with pytest.raises(ValidationError, match="cannot be renewed again"):
        circ.loan_renew(loan=loan, now=later + dt.timedelta(days=7))


def test_renewal_refused_when_someone_waits():
    copy = CopyFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    circ.hold_place(record=copy.record, patron=PatronFactory())
    with pytest.raises(ValidationError, match="waiting"):
        circ.loan_renew(loan=loan)


def test_holds_queue_is_first_come_first_served_and_emails_in_the_patrons_language(
    django_capture_on_commit_callbacks,
):
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    first = circ.hold_place(record=copy.record, patron=PatronFactory(person=PersonFactory(language="kk")))
    second = circ.hold_place(record=copy.record, patron=PatronFactory())
    with django_capture_on_commit_callbacks(execute=True):
        result = circ.copy_checkin(barcode=copy.barcode)
    assert result.hold == first
    assert result.copy.status == Copy.Status.ON_HOLD_SHELF
    second.refresh_from_db()
    assert second.status == Hold.Status.WAITING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first.patron.person.email]
    assert mail.outbox[0].subject == "Кітабыңыз дайын, алып кетуге болады"


def test_hold_shelf_copy_goes_only_to_its_patron():
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    hold = circ.hold_place(record=copy.record, patron=PatronFactory())
    circ.copy_checkin(barcode=copy.barcode)
    with pytest.raises(ValidationError, match="hold shelf for another patron"):
        circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    circ.copy_checkout(barcode=copy.barcode, patron=hold.patron)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.COLLECTED


def test_uncollected_hold_expires_and_passes_the_copy_on():
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    first = circ.hold_place(record=copy.record, patron=PatronFactory())
    second = circ.hold_place(record=copy.record, patron=PatronFactory())
    circ.copy_checkin(barcode=copy.barcode)
    assert circ.holds_expire(today=timezone.localdate() + dt.timedelta(days=30)) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.copy_id) == ("expired", "ready", copy.pk)


def test_cancelling_a_ready_hold_shelves_the_copy():
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    hold = circ.hold_place(record=copy.record, patron=PatronFactory())
    circ.copy_checkin(barcode=copy.barcode)
    circ.hold_cancel(hold=hold)
    copy.refresh_from_db()
    assert copy.status == Copy.Status.AVAILABLE


def test_second_hold_on_the_same_book_is_refused():
    copy, patron = CopyFactory(), PatronFactory()
    circ.hold_place(record=copy.record, patron=patron)
    with pytest.raises(ValidationError, match="already have a hold"):
        circ.hold_place(record=copy.record, patron=patron)


def test_marking_lost_closes_the_loan():
    copy = CopyFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    circ.copy_mark(barcode=copy.barcode, status="lost")
    loan.refresh_from_db()
    copy.refresh_from_db()
    assert (copy.status, loan.returned_at is not None) == ("lost", True)


def test_overdue_reminder_is_sent_once_a_day_in_the_patrons_language(django_capture_on_commit_callbacks):
    from shanyraq.library.tasks import send_overdue_reminders

    patron = PatronFactory(person=PersonFactory(language="ru"))
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=patron)
    Loan.objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        send_overdue_reminders.call()
        send_overdue_reminders.call()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Срок возврата книги истёк"


def test_a_child_without_email_is_reached_through_the_guardian_in_the_guardians_language(
    django_capture_on_commit_callbacks,
):
    guardian = PersonFactory(language="ru", email="parent@example.org")
    child = PatronFactory(category="child", person=PersonFactory(guardian=guardian, email="", language="kk"))
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    circ.hold_place(record=copy.record, patron=child)
    with django_capture_on_commit_callbacks(execute=True):
        circ.copy_checkin(barcode=copy.barcode)
    assert [(m.to, m.subject) for m in mail.outbox] == [(["parent@example.org"], "Ваша книга ждёт вас")]

"""The desk like Koha's: checkout warnings with an override reason, who has a copy on loan,
return-and-lend in one transaction, renewals that move the due date or say why not."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shanyraq.core.models import AuditEvent
from shanyraq.library.models import Copy, Hold, Loan
from shanyraq.library.services import circulation as circ
from shanyraq.library.tests.factories import CopyFactory, PatronFactory, PersonFactory

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def overdue_patron(days_late: int = 19):
    """A patron with one loan `days_late` days past its 21-day due date."""
    patron = PatronFactory(person=PersonFactory(name="Ерлан Оспанов"))
    circ.copy_checkout(barcode=CopyFactory().barcode, patron=patron, now=days_ago(21 + days_late))
    return patron


def codes(exc_info) -> list[str]:
    return [w.code for w in exc_info.value.warnings]


def test_checkout_to_a_patron_with_an_overdue_loan_stops_with_the_warning(clock):
    patron, copy = overdue_patron(19), CopyFactory()
    with pytest.raises(circ.CheckoutNeedsOverride) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=patron)
    assert codes(exc_info) == ["overdue"]
    assert exc_info.value.messages == [
        "1 overdue loan: the oldest was due on November 19, 2026, 19 days ago."
    ]
    copy.refresh_from_db()
    assert (copy.status, Loan.objects.filter(copy=copy).count()) == (Copy.Status.AVAILABLE, 0)


def test_override_with_a_reason_lends_and_stores_the_reason_and_the_warnings(clock, staff_user):
    librarian = staff_user("librarian")
    patron, copy = overdue_patron(19), CopyFactory()
    loan = circ.copy_checkout(
        barcode=copy.barcode, patron=patron, actor=librarian, override_reason="  brought it back tomorrow  "
    )
    assert loan.override_reason == "brought it back tomorrow"
    event = AuditEvent.objects.get(action="loan.checkout", target_id=str(loan.pk))
    assert (event.actor, event.data["override"]) == (librarian, ["overdue"])


def test_expired_card_is_a_warning_the_desk_can_override(clock):
    patron = PatronFactory(expires_on=timezone.localdate() - dt.timedelta(days=1))
    copy = CopyFactory()
    with pytest.raises(circ.CheckoutNeedsOverride) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=patron)
    assert codes(exc_info) == ["card_expired"]
    loan = circ.copy_checkout(barcode=copy.barcode, patron=patron, override_reason="renewing the card now")
    assert loan.override_reason == "renewing the card now"


def test_other_readers_waiting_for_the_book_is_a_warning(clock):
    copy = CopyFactory()
    first, second = PatronFactory(), PatronFactory()
    circ.hold_place(record=copy.record, patron=first)
    circ.hold_place(record=copy.record, patron=second)
    with pytest.raises(circ.CheckoutNeedsOverride) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=second)
    assert exc_info.value.messages == ["1 other patron is waiting for this book."]
    # The first in the queue borrows without a warning, and stops waiting.
    circ.copy_checkout(barcode=copy.barcode, patron=first)
    assert list(Hold.objects.order_by("pk").values_list("status", flat=True)) == ["collected", "waiting"]


def test_a_copy_on_the_hold_shelf_for_another_reader_goes_back_to_their_queue_when_overridden(clock):
    copy = CopyFactory()
    holder, waiting, walk_in = PatronFactory(), PatronFactory(barcode="P-WAIT"), PatronFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=holder)
    hold = circ.hold_place(record=copy.record, patron=waiting)
    circ.copy_checkin(barcode=copy.barcode)
    with pytest.raises(circ.CheckoutNeedsOverride) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=walk_in)
    assert exc_info.value.messages == ["This copy is on the hold shelf for another patron (card P-WAIT)."]
    circ.copy_checkout(barcode=copy.barcode, patron=walk_in, override_reason="reader cancelled by phone")
    hold.refresh_from_db()
    assert (hold.status, hold.copy, hold.ready_until) == (Hold.Status.WAITING, None, None)


def test_a_copy_on_loan_names_its_loan_and_lends_nothing(clock):
    copy = CopyFactory()
    holder = PatronFactory(barcode="P-HOLD")
    circ.copy_checkout(barcode=copy.barcode, patron=holder)
    with pytest.raises(circ.CopyOnLoan) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    assert exc_info.value.loan.patron == holder
    assert Loan.objects.count() == 1


def test_return_and_lend_closes_the_old_loan_and_opens_the_new_one(clock):
    copy = CopyFactory()
    old = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    reader = PatronFactory()
    new = circ.copy_return_and_lend(barcode=copy.barcode, patron=reader)
    old.refresh_from_db()
    copy.refresh_from_db()
    assert (old.returned_at is not None, new.patron, new.returned_at, copy.status) == (
        True,
        reader,
        None,
        Copy.Status.ON_LOAN,
    )


def test_return_and_lend_refused_by_a_warning_leaves_the_old_loan_open(clock):
    copy = CopyFactory()
    old = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    with pytest.raises(circ.CheckoutNeedsOverride):
        circ.copy_return_and_lend(barcode=copy.barcode, patron=overdue_patron(3))
    old.refresh_from_db()
    copy.refresh_from_db()
    assert (old.returned_at, copy.status, Loan.objects.filter(returned_at__isnull=True).count()) == (
        None,
        Copy.Status.ON_LOAN,
        2,  # the old loan and the overdue patron's own loan
    )


def test_return_and_lend_to_the_same_patron_is_refused(clock):
    copy, patron = CopyFactory(), PatronFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=patron)
    with pytest.raises(ValidationError, match="already has this copy"):
        circ.copy_return_and_lend(barcode=copy.barcode, patron=patron)


def test_renewing_on_the_day_of_the_loan_is_refused_with_the_due_date_and_not_counted(clock):
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    with pytest.raises(ValidationError) as exc_info:
        circ.loan_renew(loan=loan)
    assert exc_info.value.messages == [
        "Renewing today would not change the due date: it stays December 29, 2026."
    ]
    loan.refresh_from_db()
    assert (loan.renewals, loan.due_on) == (0, dt.date(2026, 12, 29))


def test_renewing_later_runs_from_today(clock):
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory(), now=days_ago(5))
    renewed = circ.loan_renew(loan=loan)
    assert (renewed.renewals, renewed.due_on) == (1, dt.date(2026, 12, 29))


# The desk pages


def scan(client, code, **extra):
    client.post(reverse("library_staff:desk"), {"scan": code, **extra})
    return client.get(reverse("library_staff:desk")).text


def test_desk_shows_the_warning_and_lends_after_a_reason(clock, staff_client):
    client = staff_client("front_desk")
    patron, copy = overdue_patron(19), CopyFactory()
    page = scan(client, patron.barcode)
    assert "1 overdue loan: the oldest was due on November 19, 2026, 19 days ago." in page  # on the card
    page = scan(client, copy.barcode)
    assert 'name="override_reason"' in page and 'value="lend"' in page
    assert not Loan.objects.filter(copy=copy).exists()
    page = scan(client, copy.barcode, action="lend", override_reason="promised to return it today")
    assert "Checked out:" in page
    assert Loan.objects.get(copy=copy).override_reason == "promised to return it today"


def test_desk_override_without_a_reason_lends_nothing(clock, staff_client):
    client = staff_client("front_desk")
    patron, copy = overdue_patron(19), CopyFactory()
    scan(client, patron.barcode)
    page = scan(client, copy.barcode, action="lend", override_reason="   ")
    assert "Give a reason to lend anyway." in page
    assert not Loan.objects.filter(copy=copy).exists()


def test_desk_says_who_has_the_copy_and_returns_and_lends_it(clock, staff_client):
    client = staff_client("front_desk")
    copy = CopyFactory()
    holder = PatronFactory(barcode="P-HOLD", person=PersonFactory(name="Айгерім Сейітова"))
    circ.copy_checkout(barcode=copy.barcode, patron=holder)
    reader = PatronFactory(person=PersonFactory(name="Zhang Wei"))
    scan(client, reader.barcode)
    page = scan(client, copy.barcode)
    assert "This copy is on loan to P-HOLD Айгерім Сейітова, due December 29, 2026." in page
    assert "Check it in and lend it to Zhang Wei" in page
    page = scan(client, copy.barcode, action="return_and_lend")
    assert "Checked in and lent:" in page
    assert Loan.objects.get(copy=copy, returned_at__isnull=True).patron == reader


def test_desk_renewal_on_the_day_of_the_loan_says_why_not(clock, staff_client):
    client = staff_client("front_desk")
    patron, copy = PatronFactory(), CopyFactory()
    scan(client, patron.barcode)
    scan(client, copy.barcode)
    page = scan(client, copy.barcode)
    assert "Renewing today would not change the due date: it stays December 29, 2026." in page
    assert Loan.objects.get(copy=copy).renewals == 0


def test_desk_messages_are_in_the_staff_language(clock, staff_client):
    client = staff_client("front_desk")
    patron, copy = overdue_patron(19), CopyFactory()
    client.post(reverse("library_staff:desk", kwargs={}).replace("/en/", "/ru/"), {"scan": patron.barcode})
    client.post(reverse("library_staff:desk").replace("/en/", "/ru/"), {"scan": copy.barcode})
    page = client.get(reverse("library_staff:desk").replace("/en/", "/ru/")).text
    assert "Причина" in page and "overdue loan" not in page

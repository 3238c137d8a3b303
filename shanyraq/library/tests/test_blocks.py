"""Manual blocks on a reader (Koha's restrictions): a checkout warning the desk can override with a
reason, no renewals or holds for the reader alone, lifted (never deleted) with an audit row."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from shanyraq.core.models import AuditEvent
from shanyraq.library.models import Hold, Loan, PatronBlock
from shanyraq.library.services import circulation as circ
from shanyraq.library.services.blocks import active_blocks, block_add, block_lift
from shanyraq.library.services.patrons import patron_export
from shanyraq.library.tests.factories import CopyFactory, PatronFactory

pytestmark = pytest.mark.django_db


def test_a_block_is_a_checkout_warning_that_a_reason_overrides(clock, staff_user):
    librarian = staff_user("librarian")
    patron, copy = PatronFactory(), CopyFactory()
    block_add(patron=patron, reason="damaged three books", until=dt.date(2026, 12, 31), actor=librarian)
    with pytest.raises(circ.CheckoutNeedsOverride) as exc_info:
        circ.copy_checkout(barcode=copy.barcode, patron=patron)
    assert [(w.code, w.text) for w in exc_info.value.warnings] == [
        ("blocked", "Blocked until December 31, 2026: damaged three books")
    ]
    assert not Loan.objects.filter(copy=copy).exists()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=patron, override_reason="director agreed")
    assert loan.override_reason == "director agreed"
    event = AuditEvent.objects.get(action="patron.block")
    assert (event.actor, event.target_id) == (librarian, str(patron.pk))


def test_a_blocked_reader_can_neither_renew_nor_place_a_hold(clock):
    patron, copy, other = PatronFactory(), CopyFactory(), CopyFactory()
    loan = circ.copy_checkout(barcode=copy.barcode, patron=patron, now=timezone.now() - dt.timedelta(days=10))
    block_add(patron=patron, reason="unpaid replacement")
    with pytest.raises(ValidationError) as renew:
        circ.loan_renew(loan=loan)
    assert renew.value.messages == ["This library account is blocked. Please contact the library."]
    assert Loan.objects.get(pk=loan.pk).renewals == 0
    with pytest.raises(ValidationError):
        circ.hold_place(record=other.record, patron=patron)
    assert not Hold.objects.filter(patron=patron).exists()


def test_a_lifted_or_ended_block_no_longer_counts_and_stays_on_record(clock, staff_user):
    patron = PatronFactory()
    ended = block_add(patron=patron, reason="short one", until=timezone.localdate())
    lifted = block_add(patron=patron, reason="long one")
    today = timezone.localdate()
    assert set(active_blocks(patron, today)) == {ended, lifted}
    assert list(active_blocks(patron, today + dt.timedelta(days=1))) == [lifted]
    block_lift(block=lifted, actor=staff_user("librarian"))
    block_lift(block=lifted)  # twice is harmless: one audit row
    assert list(active_blocks(patron, today + dt.timedelta(days=1))) == []
    assert PatronBlock.objects.filter(patron=patron).count() == 2
    assert AuditEvent.objects.filter(action="patron.unblock").count() == 1
    assert [b["reason"] for b in patron_export(patron=patron)["blocks"]] == ["short one", "long one"]


@pytest.mark.parametrize(
    ("reason", "until", "field"),
    [("   ", None, "reason"), ("x" * 301, None, "reason"), ("late", dt.date(2026, 12, 1), "until")],
)
def test_a_block_without_a_reason_too_long_or_already_ended_writes_nothing(clock, reason, until, field):
    patron = PatronFactory()
    with pytest.raises(ValidationError) as exc_info:
        block_add(patron=patron, reason=reason, until=until)
    assert field in exc_info.value.message_dict
    assert not PatronBlock.objects.exists()


def desk(client, **data):
    client.post(reverse("library_staff:desk"), data)
    return client.get(reverse("library_staff:desk")).text


def test_the_desk_blocks_and_lifts_in_the_staff_language(clock, staff_client):
    client = staff_client("front_desk")
    patron = PatronFactory()
    desk(client, scan=patron.barcode)
    page = desk(client, action="block", block_reason="lost the atlas", block_until="2027-01-15")
    assert f"Card {patron.barcode} is blocked." in page
    assert "Blocked until January 15, 2027: lost the atlas" in page
    block = PatronBlock.objects.get(patron=patron)
    page = desk(client, action="block", block_reason="again", block_until="15/01/2027")
    assert "Please give the end date as a date, or leave it empty." in page
    assert PatronBlock.objects.count() == 1
    page = desk(client, action="unblock", block=str(block.pk))
    assert f"The block on card {patron.barcode} is lifted." in page
    assert "lost the atlas" not in page
    with translation.override("kk"):
        url = reverse("library_staff:desk")
    client.post(url, {"action": "block", "block_reason": " "})
    page = client.get(url).text
    assert "Оқырманның неге бұғатталғанын жазыңыз." in page


def test_another_readers_block_cannot_be_lifted_from_this_card(clock, staff_client):
    client = staff_client("front_desk")
    mine, theirs = PatronFactory(), PatronFactory()
    other = block_add(patron=theirs, reason="theirs")
    desk(client, scan=mine.barcode)
    page = desk(client, action="unblock", block=str(other.pk))
    assert "This block was not found." in page
    assert PatronBlock.objects.get(pk=other.pk).lifted_at is None

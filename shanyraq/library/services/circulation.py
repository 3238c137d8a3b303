"""Circulation: checkout, check-in, renewal, holds, lost and damaged copies.

Concurrency: two desks scanning the same copy at the same moment must not both lend it. The
copy's status moves with a conditional UPDATE (`... WHERE status = 'available'`) inside
transaction.atomic(): exactly one desk's UPDATE matches a row; the other gets a clear refusal.
A partial unique index (one open loan per copy) is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shanyraq.core import when
from shanyraq.core.services import audit_record
from shanyraq.library import notifications
from shanyraq.library.models import Copy, Hold, Loan, LoanRule, Patron, Record
from shanyraq.library.services.blocks import active_blocks, refuse_if_blocked
from shanyraq.library.services.calendar import Calendar, due_date
from shanyraq.library.services.fines import fines_enabled, loan_fine

DEFAULT_RULE = {"loan_days": 21, "renewals": 2, "max_loans": 5}


def hold_shelf_days() -> int:
    return getattr(settings, "LIBRARY_HOLD_SHELF_DAYS", 7)


def rule_for(category: str, copy_type: str) -> LoanRule:
    rule = LoanRule.objects.filter(patron_category=category, copy_type=copy_type).first()
    return rule or LoanRule(patron_category=category, copy_type=copy_type, **DEFAULT_RULE)


def _copy_by_barcode(barcode: str, *, lock: bool = False) -> Copy:
    barcode = (barcode or "").strip()
    # The original MARC can be large; circulation never needs it.
    qs = Copy.objects.select_related("record").defer("record__marc_raw", "record__marc_xml")
    if lock:
        qs = qs.select_for_update(of=("self",))
    copy = qs.filter(barcode=barcode).first()
    if copy is None:
        raise ValidationError(_("No copy has the barcode %(barcode)s.") % {"barcode": barcode})
    return copy


def _refusal(status: str) -> str:
    messages = {
        Copy.Status.ON_LOAN: _("This copy is already on loan."),
        Copy.Status.LOST: _("This copy is marked as lost."),
        Copy.Status.DAMAGED: _("This copy is marked as damaged."),
        Copy.Status.REFERENCE: _("This copy is for use in the library only."),
        Copy.Status.IN_TRANSIT: _("This copy is in transit."),
    }
    return messages.get(status, _("This copy cannot be lent now."))


@dataclass(frozen=True)
class CheckoutWarning:
    """Something the desk must see before lending, and may override with a reason (like Koha's
    "needs confirmation"): `code` is stable (audit, tests), `text` is in the staff's language."""

    code: str
    text: str


class CheckoutNeedsOverride(ValidationError):
    """The checkout was not done: these warnings need a member of staff's reason to lend anyway."""

    def __init__(self, warnings: list[CheckoutWarning]) -> None:
        self.warnings = warnings
        super().__init__([w.text for w in warnings])


class CopyOnLoan(ValidationError):
    """The copy is on an open loan; `loan` says to whom (for the desk only, never the public)."""

    def __init__(self, loan: Loan) -> None:
        self.loan = loan
        super().__init__(_("This copy is already on loan."))


def patron_warnings(patron: Patron, today: dt.date) -> list[CheckoutWarning]:
    """What stands against lending anything to this patron: an expired card, overdue loans (with
    their fines when fines are on). Shown when the card is scanned, checked again at checkout."""
    warnings = [
        CheckoutWarning(
            "blocked",
            (
                _("Blocked until %(date)s: %(reason)s")
                if block.until
                else _("Blocked (no end date): %(reason)s")
            )
            % {"date": when.day(block.until) if block.until else "", "reason": block.reason},
        )
        for block in active_blocks(patron, today)
    ]
    if patron.expires_on < today:
        warnings.append(
            CheckoutWarning(
                "card_expired",
                _("This library card expired on %(date)s.") % {"date": when.day(patron.expires_on)},
            )
        )
    overdue = list(
        Loan.objects.filter(patron=patron, returned_at__isnull=True, due_on__lt=today).order_by("due_on")
    )
    if overdue:
        days = (today - overdue[0].due_on).days
        text = ngettext(
            "%(count)s overdue loan: the oldest was due on %(date)s, %(days)s days ago.",
            "%(count)s overdue loans: the oldest was due on %(date)s, %(days)s days ago.",
            len(overdue),
        ) % {"count": len(overdue), "date": when.day(overdue[0].due_on), "days": days}
        warnings.append(CheckoutWarning("overdue", text))
        if fines_enabled():
            total = sum((loan_fine(loan, today) for loan in overdue), Decimal(0))
            warnings.append(
                CheckoutWarning("fines", _("Fines owed: %(amount)s.") % {"amount": when.number(total)})
            )
    return warnings


def _copy_warnings(patron: Patron, copy: Copy, rule: LoanRule, ready: Hold | None) -> list[CheckoutWarning]:
    """What stands against lending this copy to this patron: the loan limit, and other readers'
    holds (the copy waiting on the hold shelf for someone else, or readers queued before them)."""
    warnings = []
    open_loans = Loan.objects.filter(patron=patron, returned_at__isnull=True).count()
    if open_loans >= rule.max_loans:
        warnings.append(
            CheckoutWarning(
                "max_loans",
                _("This patron already has %(count)s loans, the most allowed.") % {"count": open_loans},
            )
        )
    if ready is not None and ready.patron_id != patron.pk:
        who = ready.patron.barcode if ready.patron is not None else "—"
        warnings.append(
            CheckoutWarning(
                "hold_shelf",
                _("This copy is on the hold shelf for another patron (card %(card)s).") % {"card": who},
            )
        )
        return warnings
    waiting = Hold.objects.filter(record_id=copy.record_id, status=Hold.Status.WAITING)
    own = waiting.filter(patron=patron).order_by("placed_at", "pk").first()
    before = waiting.exclude(patron=patron)
    if own is not None:
        before = before.filter(Q(placed_at__lt=own.placed_at) | Q(placed_at=own.placed_at, pk__lt=own.pk))
    if count := before.count():
        text = ngettext(
            "%(count)s other patron is waiting for this book.",
            "%(count)s other patrons are waiting for this book.",
            count,
        ) % {"count": count}
        warnings.append(CheckoutWarning("holds_waiting", text))
    return warnings


def copy_checkout(
    *,
    barcode: str,
    patron: Patron,
    actor=None,
    now: dt.datetime | None = None,
    override_reason: str = "",
) -> Loan:
    """Lend a copy to a patron; refuse clearly (nothing written) if the copy cannot be lent, and
    stop with the warnings (CheckoutNeedsOverride) unless staff gave a reason to lend anyway."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    override_reason = (override_reason or "").strip()[:500]
    with transaction.atomic():
        # Locking the patron serializes one patron's checkouts, so the loan limit holds at two desks too.
        patron = Patron.objects.select_for_update(of=("self",)).select_related("person").get(pk=patron.pk)
        copy = _copy_by_barcode(barcode)
        rule = rule_for(patron.category, copy.copy_type)
        ready = None
        expected = Copy.Status.AVAILABLE
        if copy.status == Copy.Status.ON_HOLD_SHELF:
            ready = Hold.objects.select_related("patron").filter(copy=copy, status=Hold.Status.READY).first()
            expected = Copy.Status.ON_HOLD_SHELF
        elif copy.status == Copy.Status.ON_LOAN:
            on_loan = Loan.objects.select_related("patron__person").filter(
                copy=copy, returned_at__isnull=True
            )
            if (loan := on_loan.first()) is not None:
                raise CopyOnLoan(loan)
            raise ValidationError(_refusal(copy.status))
        elif copy.status != Copy.Status.AVAILABLE:
            raise ValidationError(_refusal(copy.status))
        warnings = patron_warnings(patron, today) + _copy_warnings(patron, copy, rule, ready)
        if warnings and not override_reason:
            raise CheckoutNeedsOverride(warnings)
        won = Copy.objects.filter(pk=copy.pk, status=expected).update(status=Copy.Status.ON_LOAN)
        if won != 1:
            raise ValidationError(_("This copy is already on loan."))
        loan = Loan.objects.create(
            copy=copy,
            patron=patron,
            patron_category=patron.category,
            checked_out_at=now,
            due_on=due_date(today, rule.loan_days, Calendar(today)),
            override_reason=override_reason if warnings else "",
        )
        if ready is not None and ready.patron_id == patron.pk:
            Hold.objects.filter(pk=ready.pk).update(status=Hold.Status.COLLECTED)
        else:
            if ready is not None:
                # Lent past another reader's ready hold: they keep their place, first in the queue.
                Hold.objects.filter(pk=ready.pk).update(
                    status=Hold.Status.WAITING, copy=None, ready_until=None
                )
            # A patron who borrows a book they were waiting for no longer waits for it.
            Hold.objects.filter(record=copy.record, patron=patron, status=Hold.Status.WAITING).update(
                status=Hold.Status.COLLECTED, copy=copy
            )
        extra = {"override": [w.code for w in warnings]} if warnings else {}
        audit_record(actor=actor, action="loan.checkout", target=loan, copy=copy.barcode, **extra)
    return loan


def copy_return_and_lend(
    *,
    barcode: str,
    patron: Patron,
    actor=None,
    now: dt.datetime | None = None,
    override_reason: str = "",
    loan_id: int | None = None,
) -> Loan:
    """The copy someone else has on loan is on the desk with a new reader: check it in and lend it
    in one transaction, so a refused checkout (warnings, limits) leaves the old loan open. The
    copy skips the hold queue only through the checkout's "holds waiting" warning and a reason.

    `loan_id` is the loan the desk showed ("on loan to ..."): if another desk has meanwhile
    returned and lent the copy, its new loan is not closed behind that desk's back."""
    now = now or timezone.now()
    with transaction.atomic():
        Patron.objects.select_for_update(of=("self",)).get(pk=patron.pk)  # same lock order as checkout
        copy = _copy_by_barcode(barcode, lock=True)
        loan = Loan.objects.filter(copy=copy, returned_at__isnull=True).first()
        if loan is None:
            raise ValidationError(_("This copy is not on loan."))
        if loan_id is not None and loan.pk != loan_id:
            raise ValidationError(_("This copy was lent again meanwhile. Scan it again."))
        if loan.patron_id == patron.pk:
            raise ValidationError(_("This patron already has this copy on loan."))
        Loan.objects.filter(pk=loan.pk).update(returned_at=now)
        Copy.objects.filter(pk=copy.pk).update(status=Copy.Status.AVAILABLE)
        audit_record(actor=actor, action="loan.checkin", target=copy, then="lend")
        return copy_checkout(
            barcode=copy.barcode, patron=patron, actor=actor, now=now, override_reason=override_reason
        )


@dataclass
class Checkin:
    copy: Copy
    loan: Loan | None
    hold: Hold | None


def _next_hold(copy: Copy, today: dt.date) -> Hold | None:
    """Give the copy to the first patron waiting for its record (FIFO), or shelve it."""
    hold = (
        Hold.objects.select_for_update(of=("self",))
        .select_related("patron__person__guardian", "record")
        .filter(record_id=copy.record_id, status=Hold.Status.WAITING)
        .order_by("placed_at", "pk")
        .first()
    )
    if hold is None:
        Copy.objects.filter(pk=copy.pk).update(status=Copy.Status.AVAILABLE)
        copy.status = Copy.Status.AVAILABLE
        return None
    hold.status = Hold.Status.READY
    hold.copy = copy
    hold.ready_until = due_date(today, hold_shelf_days())
    hold.save(update_fields=["status", "copy", "ready_until"])
    Copy.objects.filter(pk=copy.pk).update(status=Copy.Status.ON_HOLD_SHELF)
    copy.status = Copy.Status.ON_HOLD_SHELF
    notifications.hold_ready(hold)  # stored with this change, sent after the commit
    return hold


def copy_checkin(*, barcode: str, actor=None, now: dt.datetime | None = None) -> Checkin:
    now = now or timezone.now()
    with transaction.atomic():
        copy = _copy_by_barcode(barcode, lock=True)
        loan = Loan.objects.filter(copy=copy, returned_at__isnull=True).first()
        if loan is None and copy.status not in (Copy.Status.LOST, Copy.Status.IN_TRANSIT):
            raise ValidationError(_("This copy is not on loan."))
        if loan is not None:
            closed = Loan.objects.filter(pk=loan.pk, returned_at__isnull=True).update(returned_at=now)
            if closed != 1:
                raise ValidationError(_("This copy is not on loan."))
            loan.returned_at = now
        hold = _next_hold(copy, timezone.localdate(now))
        audit_record(actor=actor, action="loan.checkin", target=copy)
    return Checkin(copy=copy, loan=loan, hold=hold)


def loan_renew(*, loan: Loan, actor=None, now: dt.datetime | None = None) -> Loan:
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        loan = Loan.objects.select_for_update(of=("self",)).select_related("copy", "patron").get(pk=loan.pk)
        if loan.returned_at is not None:
            raise ValidationError(_("This loan has already been returned."))
        refuse_if_blocked(loan.patron, today)
        rule = rule_for(loan.patron_category, loan.copy.copy_type)
        if loan.renewals >= rule.renewals:
            raise ValidationError(_("This loan cannot be renewed again."))
        if Hold.objects.filter(record_id=loan.copy.record_id, status=Hold.Status.WAITING).exists():
            raise ValidationError(_("Another patron is waiting for this book, so it cannot be renewed."))
        new_due = due_date(today, rule.loan_days, Calendar(today))
        if new_due <= loan.due_on:
            # Koha's rule: a renewal runs from today; one that would not move the due date is no
            # renewal at all (and does not use one up).
            raise ValidationError(
                _("Renewing today would not change the due date: it stays %(date)s.")
                % {"date": when.day(loan.due_on)}
            )
        updated = Loan.objects.filter(pk=loan.pk, renewals=loan.renewals, returned_at__isnull=True).update(
            renewals=loan.renewals + 1, due_on=new_due
        )
        if updated != 1:
            raise ValidationError(_("This loan cannot be renewed again."))
        loan.refresh_from_db()
        audit_record(actor=actor, action="loan.renew", target=loan)
    return loan


def hold_place(*, record: Record, patron: Patron, actor=None) -> Hold:
    today = timezone.localdate()
    if patron.expires_on < today:
        raise ValidationError(
            _("This library card expired on %(date)s.") % {"date": when.day(patron.expires_on)}
        )
    refuse_if_blocked(patron, today)
    with transaction.atomic():
        Patron.objects.select_for_update().get(pk=patron.pk)
        if not record.copies.exclude(status__in=[Copy.Status.REFERENCE, Copy.Status.LOST]).exists():
            raise ValidationError(_("This book has no copy that can be lent."))
        if Hold.objects.filter(
            record=record, patron=patron, status__in=[Hold.Status.WAITING, Hold.Status.READY]
        ).exists():
            raise ValidationError(_("You already have a hold on this book."))
        if Loan.objects.filter(copy__record=record, patron=patron, returned_at__isnull=True).exists():
            raise ValidationError(_("You already have this book on loan."))
        hold = Hold.objects.create(record=record, patron=patron)
        audit_record(actor=actor, action="hold.place", target=hold)
    return hold


def hold_cancel(*, hold: Hold, actor=None) -> Hold:
    with transaction.atomic():
        hold = Hold.objects.select_for_update(of=("self",)).select_related("copy").get(pk=hold.pk)
        if hold.status not in (Hold.Status.WAITING, Hold.Status.READY):
            raise ValidationError(_("This hold is no longer active."))
        was_ready, copy = hold.status == Hold.Status.READY, hold.copy
        hold.status = Hold.Status.CANCELLED
        hold.save(update_fields=["status"])
        if was_ready and copy is not None:
            _next_hold(copy, timezone.localdate())
        audit_record(actor=actor, action="hold.cancel", target=hold)
    return hold


def holds_expire(*, today: dt.date | None = None) -> int:
    """Ready holds not collected in time expire; their copy goes to the next patron or the shelf."""
    today = today or timezone.localdate()
    count = 0
    for pk in list(
        Hold.objects.filter(status=Hold.Status.READY, ready_until__lt=today).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            hold = Hold.objects.select_for_update(of=("self",)).select_related("copy").get(pk=pk)
            if hold.status != Hold.Status.READY:
                continue
            hold.status = Hold.Status.EXPIRED
            hold.save(update_fields=["status"])
            if hold.copy is not None:
                _next_hold(hold.copy, today)
            audit_record(actor=None, action="hold.expire", target=hold)
            count += 1
    return count


def copy_mark(*, barcode: str, status: str, actor=None) -> Copy:
    """Lost or damaged: an open loan on the copy is closed, so it stops counting against the patron."""
    if status not in (Copy.Status.LOST, Copy.Status.DAMAGED, Copy.Status.AVAILABLE):
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        copy = _copy_by_barcode(barcode, lock=True)
        Loan.objects.filter(copy=copy, returned_at__isnull=True).update(returned_at=timezone.now())
        Copy.objects.filter(pk=copy.pk).update(status=status)
        copy.status = status
        audit_record(actor=actor, action=f"copy.mark_{status}", target=copy)
    return copy


def overdue_loans(today: dt.date | None = None):
    today = today or timezone.localdate()
    return Loan.objects.filter(returned_at__isnull=True, due_on__lt=today).select_related(
        "copy__record", "patron__person"
    )


def loans_remind_overdue(*, today: dt.date | None = None) -> int:
    """One e-mail per overdue loan per day at most: `reminded_on` and the message commit together."""
    today = today or timezone.localdate()
    count = 0
    loans = overdue_loans(today).filter(patron__isnull=False).exclude(reminded_on=today)
    for loan in loans.select_related("patron__person__guardian"):
        with transaction.atomic():
            if Loan.objects.filter(pk=loan.pk).exclude(reminded_on=today).update(reminded_on=today) != 1:
                continue
            if notifications.loan_overdue(loan) is not None:
                count += 1
    return count

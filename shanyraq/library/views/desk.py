"""The circulation desk: a barcode scanner types the code and Enter, so everything works from one
input without a mouse. Post/redirect/get keeps a reload from repeating a checkout; the result of
the last scan is shown once, with role=status (success) or role=alert (refusal, hold shelf)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core import when
from shanyraq.core.permissions import staff_permission_required
from shanyraq.library import selectors
from shanyraq.library.models import Copy, Loan, Patron
from shanyraq.library.services import circulation
from shanyraq.library.services.blocks import active_blocks, block_add, block_lift
from shanyraq.library.services.patrons import patron_pin_set

SESSION_PATRON = "library_desk_patron"
SESSION_RESULT = "library_desk_result"


def _say(request, level: str, text: str) -> None:
    request.session[SESSION_RESULT] = {"level": level, "text": text}


def _current_patron(request) -> Patron | None:
    pk = request.session.get(SESSION_PATRON)
    return Patron.objects.select_related("person").filter(pk=pk).first() if pk else None


@staff_permission_required("library.circulate")
def desk(request):
    if request.method == "POST":
        code = (request.POST.get("scan") or "").strip()
        action = request.POST.get("action", "")
        reason = request.POST.get("override_reason", "")
        if action == "pin":
            _set_pin(request, request.POST.get("pin", ""))
        elif action == "block":
            _block(request, request.POST.get("block_reason", ""), request.POST.get("block_until", ""))
        elif action == "unblock":
            _unblock(request, request.POST.get("block", ""))
        elif action in ("lend", "return_and_lend"):
            loan = request.POST.get("loan", "")
            _lend(
                request,
                code,
                return_first=action == "return_and_lend",
                reason=reason,
                overriding="override_reason" in request.POST,
                loan_id=int(loan) if loan.isdigit() else None,
            )
        else:
            _scan(request, code)
        return redirect("library_staff:desk")
    patron = _current_patron(request)
    today = timezone.localdate()
    return render(
        request,
        "library/desk.html",
        {
            "patron": patron,
            "patron_warnings": circulation.patron_warnings(patron, today) if patron else [],
            "loans": selectors.patron_loans(patron) if patron else [],
            "holds": selectors.patron_holds(patron) if patron else [],
            "blocks": list(active_blocks(patron, today)) if patron else [],
            "today": today,
            "result": request.session.pop(SESSION_RESULT, None),
            "mode": "checkout",
        },
    )


def _scan(request, code: str) -> None:
    if not code:
        _say(request, "alert", _("Nothing was scanned."))
        return
    card = selectors.patron_by_barcode(code)
    if card is not None:
        request.session[SESSION_PATRON] = card.pk
        _say(
            request,
            "status",
            _("Card %(card)s: %(name)s.") % {"card": card.barcode, "name": card.person.name},
        )
        return
    patron = _current_patron(request)
    copy = Copy.objects.select_related("record").filter(barcode=code).first()
    if copy is None:
        _say(request, "alert", _("No card or copy has the barcode %(barcode)s.") % {"barcode": code})
        return
    if patron is None:
        _say(request, "alert", _("Scan a library card first."))
        return
    open_loan = Loan.objects.filter(copy=copy, patron=patron, returned_at__isnull=True).first()
    if open_loan is None:
        _lend(request, code, return_first=False, reason="")
        return
    try:
        loan = circulation.loan_renew(loan=open_loan, actor=request.user)
        _say(
            request,
            "status",
            _("Renewed: %(title)s, due %(date)s.")
            % {"title": copy.record.title, "date": when.day(loan.due_on)},
        )
    except ValidationError as exc:
        _say(request, "alert", " ".join(exc.messages))


def _block(request, reason: str, until: str) -> None:
    patron = _current_patron(request)
    if patron is None:
        _say(request, "alert", _("Scan a library card first."))
        return
    try:
        day = dt.date.fromisoformat(until) if until.strip() else None
    except ValueError:
        _say(request, "alert", _("Please give the end date as a date, or leave it empty."))
        return
    try:
        block_add(patron=patron, reason=reason, until=day, actor=request.user)
    except ValidationError as exc:
        _say(request, "alert", " ".join(exc.messages))
        return
    _say(request, "status", _("Card %(card)s is blocked.") % {"card": patron.barcode})


def _unblock(request, block_id: str) -> None:
    patron = _current_patron(request)
    block = patron.blocks.filter(pk=int(block_id)).first() if patron and block_id.isdigit() else None
    if block is None:
        _say(request, "alert", _("This block was not found."))
        return
    block_lift(block=block, actor=request.user)
    _say(request, "status", _("The block on card %(card)s is lifted.") % {"card": patron.barcode})


def _set_pin(request, pin: str) -> None:
    patron = _current_patron(request)
    if patron is None:
        _say(request, "alert", _("Scan a library card first."))
        return
    try:
        patron_pin_set(patron=patron, pin=pin, actor=request.user)
    except ValidationError as exc:
        _say(request, "alert", " ".join(exc.messages))
        return
    _say(
        request,
        "status",
        _("The reader can now sign in with card %(card)s and this PIN.") % {"card": patron.barcode},
    )


def _lend(
    request,
    code: str,
    *,
    return_first: bool,
    reason: str,
    overriding: bool = False,
    loan_id: int | None = None,
) -> None:
    """Check out (or check in from its holder, then check out) to the current patron. Warnings
    come back to the page with a form to lend anyway with a reason; a copy on loan to someone
    else says to whom and offers return-and-lend."""
    patron = _current_patron(request)
    if patron is None:
        _say(request, "alert", _("Scan a library card first."))
        return
    try:
        if return_first:
            loan = circulation.copy_return_and_lend(
                barcode=code, patron=patron, actor=request.user, override_reason=reason, loan_id=loan_id
            )
        else:
            loan = circulation.copy_checkout(
                barcode=code, patron=patron, actor=request.user, override_reason=reason
            )
    except circulation.CheckoutNeedsOverride as exc:
        request.session[SESSION_RESULT] = {
            "level": "alert",
            "text": _("Give a reason to lend anyway.") if overriding else _("Check before lending:"),
            "warnings": [w.text for w in exc.warnings],
            "barcode": code,
            "action": "return_and_lend" if return_first else "lend",
            "loan": loan_id,
        }
        return
    except circulation.CopyOnLoan as exc:
        holder = exc.loan.patron
        who = f"{holder.barcode} {holder.person.name}" if holder else "—"
        request.session[SESSION_RESULT] = {
            "level": "alert",
            "text": _("This copy is on loan to %(who)s, due %(date)s.")
            % {"who": who, "date": when.day(exc.loan.due_on)},
            "barcode": code,
            "loan": exc.loan.pk,
            "return_and_lend": True,
        }
        return
    except ValidationError as exc:
        _say(request, "alert", " ".join(exc.messages))
        return
    text = (
        _("Checked in and lent: %(title)s, due %(date)s.")
        if return_first
        else _("Checked out: %(title)s, due %(date)s.")
    )
    _say(request, "status", text % {"title": loan.copy.record.title, "date": when.day(loan.due_on)})


@require_POST
@staff_permission_required("library.circulate")
def desk_end(request):
    request.session.pop(SESSION_PATRON, None)
    return redirect("library_staff:desk")


@staff_permission_required("library.circulate")
def checkin(request):
    if request.method == "POST":
        code = (request.POST.get("scan") or "").strip()
        try:
            result = circulation.copy_checkin(barcode=code, actor=request.user)
            if result.hold is not None:
                _say(
                    request,
                    "alert",
                    _("Checked in: %(title)s. Put it on the hold shelf for %(name)s (card %(card)s).")
                    % {
                        "title": result.copy.record.title,
                        "name": result.hold.patron.person.name,
                        "card": result.hold.patron.barcode,
                    },
                )
            else:
                _say(
                    request,
                    "status",
                    _("Checked in: %(title)s. Back to the shelf.") % {"title": result.copy.record.title},
                )
        except ValidationError as exc:
            _say(request, "alert", " ".join(exc.messages))
        return redirect("library_staff:checkin")
    return render(
        request,
        "library/desk.html",
        {
            "result": request.session.pop(SESSION_RESULT, None),
            "mode": "checkin",
        },
    )


@require_POST
@staff_permission_required("library.circulate")
def copy_mark(request):
    try:
        copy = circulation.copy_mark(
            barcode=request.POST.get("barcode", ""), status=request.POST.get("status", ""), actor=request.user
        )
        _say(
            request,
            "status",
            _("Copy %(barcode)s is now: %(status)s.")
            % {"barcode": copy.barcode, "status": copy.get_status_display()},
        )
    except ValidationError as exc:
        _say(request, "alert", " ".join(exc.messages))
    return redirect("library_staff:checkin")

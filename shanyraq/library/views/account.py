"""The patron's own pages: loans, renewals, holds, history (if kept), data export and deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.accounts.forms import PatronSignInForm
from shanyraq.accounts.views import SignInView
from shanyraq.core import when
from shanyraq.library import selectors
from shanyraq.library.models import Hold, Loan, Record
from shanyraq.library.services import circulation
from shanyraq.library.services.fines import fines_enabled, loan_fine
from shanyraq.library.services.patrons import keeps_history, patron_export
from shanyraq.people.models import Consent
from shanyraq.people.services import consent_record, person_erase

LOGIN = reverse_lazy("library:login")


class PatronLogin(SignInView):
    """Patrons sign in with their card number or e-mail (accounts.identifiers, library.signin)."""

    template_name = "library/login.html"
    form_class = PatronSignInForm
    next_page = reverse_lazy("library:account")


def _patron_or_none(request):
    return selectors.patron_for_user(request.user)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required(login_url=LOGIN)
def account(request):
    patron = _patron_or_none(request)
    if patron is None:
        return render(request, "library/account.html", {"patron": None})
    history = keeps_history(patron)
    loans = list(selectors.patron_loans(patron))
    for loan in loans:
        loan.fine = loan_fine(loan)
    return render(
        request,
        "library/account.html",
        {
            "patron": patron,
            "loans": loans,
            "fines": fines_enabled(),
            "holds": selectors.patron_holds(patron),
            "keeps_history": history,
            "history": selectors.patron_history(patron)[:200] if history else [],
        },
    )


@require_POST
@login_required(login_url=LOGIN)
def loan_renew(request, pk: int):
    patron = _patron_or_none(request)
    if patron is None:  # an anonymized loan has no patron either
        raise Http404
    loan = get_object_or_404(Loan, pk=pk, patron=patron)
    try:
        loan = circulation.loan_renew(loan=loan, actor=request.user)
        messages.success(
            request, _("Renewed. The new due date is %(date)s.") % {"date": when.day(loan.due_on)}
        )
    except ValidationError as exc:
        _error(request, exc)
    return redirect("library:account")


@require_POST
@login_required(login_url=LOGIN)
def hold_place(request, pk: int):
    patron = _patron_or_none(request)
    record = get_object_or_404(Record, pk=pk, is_public=True)
    if patron is None:
        messages.error(request, _("You need a library card to place a hold."))
        return redirect(record)
    try:
        circulation.hold_place(record=record, patron=patron, actor=request.user)
        messages.success(request, _("Your hold is placed. We will e-mail you when the book is ready."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect(record)


@require_POST
@login_required(login_url=LOGIN)
def hold_cancel(request, pk: int):
    patron = _patron_or_none(request)
    if patron is None:  # an anonymized hold has no patron either
        raise Http404
    hold = get_object_or_404(Hold, pk=pk, patron=patron)
    try:
        circulation.hold_cancel(hold=hold, actor=request.user)
        messages.success(request, _("Your hold is cancelled."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("library:account")


@require_POST
@login_required(login_url=LOGIN)
def history_choice(request):
    patron = _patron_or_none(request)
    if patron is not None:
        keep = request.POST.get("keep") == "1"
        consent_record(person=patron.person, kind=Consent.Kind.LOAN_HISTORY, granted=keep, actor=request.user)
        messages.success(request, _("Your choice is saved."))
    return redirect("library:account")


@login_required(login_url=LOGIN)
def data_export(request):
    patron = _patron_or_none(request)
    if patron is None:
        return redirect("library:account")
    body = json.dumps(patron_export(patron=patron), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-library-data.json"'
    return response


@login_required(login_url=LOGIN)
def data_erase(request):
    """Erase the signed-in person everywhere (people.services.person_erase) and sign them out."""
    person = getattr(request.user, "person", None)
    if person is None:
        return redirect("library:account")
    if request.method == "POST":
        try:
            person_erase(person=person, actor=request.user)
        except ValidationError as exc:
            _error(request, exc)
            return redirect("library:account")
        logout(request)
        messages.success(request, _("Your data is erased and your account is closed."))
        return redirect("library:opac")
    return render(request, "library/erase.html", {"patron": _patron_or_none(request)})

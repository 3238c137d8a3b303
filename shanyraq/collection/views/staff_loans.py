"""Staff pages for loans out: the list by urgency, lending artifacts, and their return.

Reading needs `view_loanout`; lending needs `add_loanout`; recording a return needs `change_loanout`.
The services move the artifacts' status and location; these views only parse and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.collection import forms, staff_selectors
from shanyraq.collection.models import LoanOut
from shanyraq.collection.services.loans import loan_out_create, loan_out_return
from shanyraq.core.permissions import staff_permission_required
from shanyraq.spaces.models import Space


@staff_permission_required("collection.view_loanout")
def loans_out(request):
    return render(
        request,
        "collection/staff/loans_out.html",
        {
            "overview": staff_selectors.loans_out_overview(),
            "can_add": request.user.has_perm("collection.add_loanout"),
        },
    )


@staff_permission_required("collection.add_loanout")
def loan_out_new(request):
    form = forms.LoanOutForm(
        request.POST or None, initial={"accession_numbers": request.GET.get("artifact", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            loan = loan_out_create(actor=request.user, **form.agreement())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Loan out %(number)s recorded.") % {"number": loan.agreement_number})
            return redirect("collection_staff:loan_out", pk=loan.pk)
    return render(request, "collection/staff/loan_out_new.html", {"form": form})


@staff_permission_required("collection.view_loanout")
def loan_out(request, pk: int):
    """One loan out; a POST records its return (the artifacts get a movement into the chosen space)."""
    if request.method == "POST" and not request.user.has_perm("collection.change_loanout"):
        raise PermissionDenied
    try:
        loan = staff_selectors.loan_out_get(pk)
    except LoanOut.DoesNotExist:
        raise Http404
    can_return = loan.status == LoanOut.Status.ACTIVE and request.user.has_perm("collection.change_loanout")
    initial = {"space": Space.objects.filter(slug="storage").first(), "returned_on": timezone.localdate()}
    form = forms.LoanOutReturnForm(request.POST or None, initial=initial) if can_return else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This loan is already returned."))
            return redirect("collection_staff:loan_out", pk=loan.pk)
        if form.is_valid():
            try:
                loan_out_return(
                    actor=request.user,
                    loan=loan,
                    space=form.cleaned_data["space"],
                    location_detail=form.cleaned_data["location_detail"],
                    returned_on=form.cleaned_data["returned_on"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Loan out %(number)s is returned.") % {"number": loan.agreement_number}
                )
                return redirect("collection_staff:loan_out", pk=loan.pk)
    return render(
        request,
        "collection/staff/loan_out.html",
        {"loan": loan, "form": form, "today": timezone.localdate()},
    )

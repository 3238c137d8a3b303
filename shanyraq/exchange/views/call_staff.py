"""The exchange coordinator's pages for calls: the list, writing a call and its questions,
publishing, and the per-call report with its CSV/XLSX download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx
from shanyraq.core.permissions import staff_permission_required
from shanyraq.exchange import selectors
from shanyraq.exchange.call_forms import (
    CallForm,
    CriterionForm,
    CriterionFormSet,
    QuestionForm,
    QuestionFormSet,
)
from shanyraq.exchange.models import Call
from shanyraq.exchange.services import call_editing
from shanyraq.exchange.views.common import show_error

# A service error's key -> the form field that shows it (None: above the form).
FIELD_OF = {"languages": "language_1", "title": None, "questions": None, "criteria": None}
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@staff_permission_required("exchange.view_call")
def calls(request):
    rows = Call.objects.annotate(n_applications=Count("applications")).order_by("-deadline")
    return render(request, "exchange/staff/calls.html", {"calls": rows})


def _edit(request, call: Call | None):
    data = request.POST or None
    form = CallForm(data, initial=CallForm.initial_for(call) if call else None)
    criteria = CriterionFormSet(
        data, prefix="c", initial=[CriterionForm.initial_for(c) for c in call.criteria] if call else None
    )
    questions = QuestionFormSet(
        data,
        prefix="q",
        initial=[QuestionForm.initial_for(q) for q in call.questions.all()] if call else None,
    )
    if request.method == "POST":
        valid = [f.is_valid() for f in (form, criteria, questions)]  # all checked: every error shown
        if all(valid):
            try:
                saved = call_editing.call_save(
                    call=call,
                    data={**form.data_for_service(), "criteria": _items(criteria)},
                    questions=_items(questions),
                    actor=request.user,
                )
                messages.success(request, _("The call is saved."))
                return redirect("exchange_staff:call_edit", pk=saved.pk)
            except ValidationError as exc:
                for key, texts in exc.message_dict.items():
                    for text in texts:
                        form.add_error(FIELD_OF.get(key, key if key in form.fields else None), text)
        else:
            form.add_error(None, _("Please check the form: the problems are marked."))
    return render(
        request,
        "exchange/staff/call_edit.html",
        {"call": call, "form": form, "criteria": criteria, "questions": questions},
        status=400 if request.method == "POST" else 200,
    )


def _items(formset) -> list[dict]:
    return [item for item in (f.item() for f in formset.forms) if item]


@staff_permission_required("exchange.add_call")
def call_new(request):
    return _edit(request, None)


@staff_permission_required("exchange.change_call")
def call_edit(request, pk: int):
    return _edit(request, get_object_or_404(Call, pk=pk))


@require_POST
@staff_permission_required("exchange.change_call")
def call_publish(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        call_editing.call_publish(call=call, publish=publish, actor=request.user)
        messages.success(request, _("The call is published.") if publish else _("The call is back to draft."))
    except ValidationError as exc:
        show_error(request, exc)
    return redirect("exchange_staff:call_edit", pk=pk)


@staff_permission_required("exchange.view_application")
def call_report(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    return render(
        request, "exchange/staff/call_report.html", {"call": call, "report": selectors.call_report(call)}
    )


@staff_permission_required("exchange.view_application")
def call_report_export(request, pk: int, fmt: str):
    """Figures only, no personal data: a plain GET download (the accepted applicants' list is the
    audited POST export)."""
    call = get_object_or_404(Call, pk=pk)
    if fmt not in EXPORT_TYPES:
        raise Http404
    header = [_("What"), _("Which"), _("Count")]
    rows = selectors.call_report(call).rows()
    body = rows_to_xlsx(header, rows, title="report") if fmt == "xlsx" else rows_to_csv(header, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-report.{fmt}"'
    return response

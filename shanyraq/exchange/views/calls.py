"""Calls: members apply (drafts until the deadline); reviewers score; the coordinator decides."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core.permissions import staff_permission_required
from shanyraq.exchange import selectors
from shanyraq.exchange.models import Application, Call, Question
from shanyraq.exchange.services import calls
from shanyraq.exchange.views.common import member_required, show_error

DECIDE = "exchange.decide_application"
REVIEW = "exchange.review_application"


def _open_calls():
    return Call.objects.filter(status=Call.Status.PUBLISHED, deadline__gte=timezone.now())


def call_list(request):
    return render(request, "exchange/calls.html", {"calls": _open_calls()})


def _answer_form(call: Call, application: Application | None, data=None, files=None) -> forms.Form:
    """A form built from the call's chosen questions."""
    form = forms.Form(data, files)
    have = {a.question_id: a for a in application.answers.all()} if application else {}
    for q in call.questions.all():
        name = f"q{q.pk}"
        if q.kind == Question.Kind.TEXT:
            form.fields[name] = forms.CharField(
                label=q.label, widget=forms.Textarea(attrs={"rows": 4}), required=False
            )
            form.initial[name] = have.get(q.pk).text if q.pk in have else ""
        elif q.kind == Question.Kind.CHOICE:
            form.fields[name] = forms.ChoiceField(
                label=q.label, choices=[("", "—"), *[(c, c) for c in q.choices]], required=False
            )
            form.initial[name] = have.get(q.pk).text if q.pk in have else ""
        else:
            form.fields[name] = forms.FileField(label=q.label, required=False)
    return form


@member_required
def call_apply(request, pk: int):
    call = get_object_or_404(_open_calls(), pk=pk)
    application = Application.objects.filter(call=call, member=request.member).first()
    form = _answer_form(call, application, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        answers = {}
        for q in call.questions.all():
            value = form.cleaned_data.get(f"q{q.pk}")
            if q.kind == Question.Kind.FILE:
                if value:
                    answers[q.pk] = (value.name, value.read())
            else:
                answers[q.pk] = value or ""
        try:
            calls.application_save(
                call=call,
                member=request.member,
                answers=answers,
                submit="submit" in request.POST,
                actor=request.user,
            )
            messages.success(request, _("Your application is saved."))
            return redirect("exchange:call", pk=pk)
        except ValidationError as exc:
            for text in exc.messages:
                form.add_error(None, text)
    problems = calls.eligibility_problems(call, request.member)
    return render(
        request,
        "exchange/call.html",
        {"call": call, "form": form, "application": application, "problems": problems},
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def call_withdraw(request, pk: int):
    application = get_object_or_404(Application, call_id=pk, member=request.member)
    try:
        calls.application_withdraw(application=application, member=request.member, actor=request.user)
        messages.success(request, _("Your application is withdrawn."))
    except ValidationError as exc:
        show_error(request, exc)
    return redirect("exchange:call", pk=pk)


@staff_permission_required(DECIDE)
def applications(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    apps = call.applications.exclude(status=Application.Status.DRAFT).select_related("member__person")
    rows = [(app, calls.reviews_visible_to(application=app, user=request.user)) for app in apps]
    return render(request, "exchange/staff/applications.html", {"call": call, "rows": rows})


@require_POST
@staff_permission_required(DECIDE)
def decide(request, pk: int):
    application = get_object_or_404(Application, pk=pk)
    try:
        calls.application_decide(
            application=application, decision=request.POST.get("decision", ""), actor=request.user
        )
        messages.success(request, _("Done."))
    except ValidationError as exc:
        show_error(request, exc)
    return redirect("exchange_staff:applications", pk=application.call_id)


@require_POST
@staff_permission_required(DECIDE)
def export(request, pk: int, fmt: str):
    """A POST: the export of personal data is audited, and a GET must change nothing."""
    call = get_object_or_404(Call, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    body = calls.accepted_export(call=call, fmt=fmt, actor=request.user)
    kind = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="accepted-{call.pk}.{fmt}"'
    return response


@staff_permission_required(REVIEW)
def reviews(request):
    apps = (
        Application.objects.filter(call__panel=request.user, status=Application.Status.SUBMITTED)
        .exclude(conflicts__reviewer=request.user)
        .select_related("call")
    )
    return render(request, "exchange/staff/reviews.html", {"applications": apps})


@staff_permission_required(REVIEW)
def review(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    # Not on this call's panel, or a declared conflict: 403 (core.permissions' answer to "not yours").
    visible = calls.reviews_visible_to(application=application, user=request.user)
    if request.method == "POST":
        try:
            if request.POST.get("conflict"):
                calls.conflict_declare(
                    application=application, reviewer=request.user, reason=request.POST.get("reason", "")
                )
                return redirect("exchange_staff:reviews")
            scores = {}
            for c in application.call.criteria:
                raw = request.POST.get(c["code"], "")
                scores[c["code"]] = int(raw) if raw.isdigit() else -1
            calls.review_submit(
                application=application,
                reviewer=request.user,
                scores=scores,
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, _("Your review is saved."))
            return redirect("exchange_staff:review", pk=pk)
        except ValidationError as exc:
            show_error(request, exc)
    answers = application.answers.select_related("question")
    return render(
        request,
        "exchange/staff/review.html",
        {
            "application": application,
            "answers": answers,
            "visible": visible,
            "criteria": [(c, selectors.criterion_label(c)) for c in application.call.criteria],
        },
    )

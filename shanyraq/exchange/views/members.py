"""Joining, the guardian's consent, signing in, the profile, data export and erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.accounts.views import SignInView
from shanyraq.core.limits import limit_body
from shanyraq.core.optin import newsletter_optin
from shanyraq.core.ratelimit import Rate, allow
from shanyraq.exchange import selectors, tokens
from shanyraq.exchange.forms import GuardianForm, JoinForm, ProfileForm
from shanyraq.exchange.models import JoinRequest
from shanyraq.exchange.services import members
from shanyraq.exchange.services.privacy import member_export
from shanyraq.exchange.views.common import member_required, show_error
from shanyraq.people.services import person_erase


class MemberLogin(SignInView):
    """Members sign in with their e-mail address (accounts.identifiers)."""

    template_name = "exchange/login.html"
    next_page = reverse_lazy("exchange:home")


def home(request):
    member = selectors.member_for_user(request.user)
    context = {"member": member}
    if member is not None:
        context["tandems"] = selectors.tandems_of(member)[:50]
        context["minor"] = selectors.is_minor(member)
    return render(request, "exchange/home.html", context)


def _apply_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@limit_body
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(request, "exchange-join", Rate.parse("10/3600")):
            form.add_error(None, _("Too many attempts. Please try again later."))
        else:
            try:
                members.join_request_create(
                    data=form.join_data(), password=form.cleaned_data["password"], language=get_language()
                )
                newsletter_optin(form)
                return redirect("exchange:join_sent")
            except ValidationError as exc:
                _apply_errors(form, exc)
    return render(request, "exchange/join.html", {"form": form}, status=400 if form.errors else 200)


def join_sent(request):
    return render(
        request,
        "exchange/message.html",
        {
            "title": _("Check your e-mail"),
            "text": _("We sent you a link. Open it within 7 days to confirm your address."),
        },
    )


def join_confirm(request, token: str):
    pk = tokens.read(token, "email")
    if request.method != "POST" or pk is None:
        return render(request, "exchange/confirm.html", {"valid": pk is not None}, status=200 if pk else 404)
    try:
        result = members.join_confirm_email(join_id=pk)
    except ValidationError as exc:
        return render(
            request,
            "exchange/message.html",
            {"title": _("Link expired"), "text": " ".join(exc.messages)},
            status=410,
        )
    if isinstance(result, JoinRequest):
        text = _("Thank you. We asked your guardian for their consent; your account opens when they agree.")
        return render(request, "exchange/message.html", {"title": _("Almost there"), "text": text})
    messages.success(request, _("Your e-mail is confirmed. Welcome! Please sign in."))
    return redirect("exchange:login")


def guardian(request, token: str):
    pk = tokens.read(token, "guardian")
    join = JoinRequest.objects.filter(pk=pk, status=JoinRequest.Status.GUARDIAN).first() if pk else None
    if join is None:
        return render(
            request,
            "exchange/message.html",
            {
                "title": _("Link expired"),
                "text": _("This link has expired or was already used. Please join again."),
            },
            status=404,
        )
    form = GuardianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consent = request.POST.get("answer") == "yes"
        try:
            members.join_guardian_consent(
                join_id=join.pk,
                guardian_name=form.cleaned_data["guardian_name"],
                consent=consent,
                photos=form.cleaned_data["photos"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            text = (
                _("Thank you. Your child can now sign in.") if consent else _("Nothing was kept. Thank you.")
            )
            return render(
                request, "exchange/message.html", {"title": _("Your answer is saved"), "text": text}
            )
    return render(request, "exchange/guardian.html", {"form": form, "join": join})


@member_required
def profile(request):
    member = request.member
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(member))
    if request.method == "POST" and form.is_valid():
        try:
            members.member_update(member=member, data=form.profile(), actor=request.user)
            messages.success(request, _("Your profile is saved."))
            return redirect("exchange:profile")
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(
        request, "exchange/profile.html", {"form": form, "member": member}, status=400 if form.errors else 200
    )


@member_required
def data_export(request):
    body = json.dumps(member_export(request.member), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-exchange-data.json"'
    return response


@member_required
def data_erase(request):
    """Erase the member everywhere (people.services.person_erase runs our hook) and sign out."""
    if request.method == "POST":
        try:
            person_erase(person=request.member.person, actor=request.user)
        except ValidationError as exc:
            show_error(request, exc)
            return redirect("exchange:profile")
        logout(request)
        messages.success(request, _("Your data is erased and your account is closed."))
        return redirect("exchange:home")
    return render(request, "exchange/erase.html")


@require_POST
def logout_view(request):
    logout(request)
    return redirect("exchange:home")

"""Suggestions, requests, the tandem page (messages, meetings), reports and blocks."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.exchange import selectors
from shanyraq.exchange.forms import MeetingForm, MessageForm, ReportForm
from shanyraq.exchange.models import Member, Message
from shanyraq.exchange.services import messages as message_services
from shanyraq.exchange.services import tandems
from shanyraq.exchange.views.common import member_required, show_error


def _attempt(request, action, *args, **kwargs) -> bool:
    """Call a service; show its refusal as a message in the member's language. True if it worked."""
    try:
        action(*args, **kwargs)
    except ValidationError as exc:
        show_error(request, exc)
    except PermissionDenied:
        messages.error(request, _("Not allowed."))
    else:
        return True
    return False


def _form_errors(request, form) -> None:
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


@member_required
def suggestions(request):
    member = request.member
    found = selectors.suggestions(member)
    cards = [(s, selectors.partner_card(s.member, viewer=member)) for s in found]
    return render(request, "exchange/suggestions.html", {"cards": cards, "member": member})


@require_POST
@member_required
def tandem_request(request, pk: int):
    partner = Member.objects.select_related("person").filter(pk=pk).first()
    # A member the safeguarding rules hide is answered exactly like one that does not exist.
    if partner is None or not selectors.may_meet(request.member, partner):
        raise Http404
    try:
        tandem = tandems.tandem_request(
            member=request.member, partner=partner, note=request.POST.get("note", ""), actor=request.user
        )
    except ValidationError as exc:
        show_error(request, exc)
        return redirect("exchange:suggestions")
    messages.success(request, _("Your request is sent."))
    return redirect("exchange:tandem", pk=tandem.pk)


def _tandem(request, pk: int):
    tandem = selectors.tandem_for(request.member, pk)
    if tandem is None:
        raise Http404
    return tandem


@member_required
def tandem(request, pk: int):
    member = request.member
    tandem = _tandem(request, pk)
    partner = tandem.partner_of(member)
    spaces = list(tandems.meeting_spaces())
    context = {
        "tandem": tandem,
        "partner": selectors.partner_card(partner, viewer=member),
        "partner_member": partner,
        "messages_list": selectors.messages_of(tandem) if tandem.status == tandem.Status.ACTIVE else [],
        "message_form": MessageForm(),
        "meeting_form": MeetingForm(spaces=spaces),
        "report_form": ReportForm(),
        "meetings": tandem.meetings.select_related("booking__space").filter(cancelled=False),
        "asked": tandem.second_id == member.pk,
        "minor": selectors.is_minor(member),
        "me": member,
    }
    return render(request, "exchange/tandem.html", context)


@require_POST
@member_required
def tandem_decide(request, pk: int):
    tandem = _tandem(request, pk)
    accept = request.POST.get("answer") == "accept"
    _attempt(
        request,
        tandems.tandem_decide,
        tandem=tandem,
        member=request.member,
        accept=accept,
        actor=request.user,
    )
    return redirect("exchange:tandem", pk=pk)


@require_POST
@member_required
def tandem_end(request, pk: int):
    tandems.tandem_end(tandem=_tandem(request, pk), member=request.member, actor=request.user)
    messages.success(request, _("The tandem has ended."))
    return redirect("exchange:home")


@require_POST
@member_required
def message_send(request, pk: int):
    tandem = _tandem(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _attempt(
            request,
            message_services.message_send,
            tandem=tandem,
            sender=request.member,
            body=form.cleaned_data["body"],
            actor=request.user,
        )
    return redirect("exchange:tandem", pk=pk)


@require_POST
@member_required
def message_report(request, pk: int):
    message = get_object_or_404(Message, pk=pk)
    if not message.tandem.has(request.member):
        raise Http404
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            message_services.report_create(
                reporter=request.member, message=message, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Thank you. The safeguarding team will look at it."))
        except PermissionDenied:
            messages.error(request, _("Not allowed."))
    return redirect("exchange:tandem", pk=message.tandem_id)


@require_POST
@member_required
def block(request, pk: int):
    tandem = _tandem(request, pk)
    message_services.block_create(
        blocker=request.member, blocked=tandem.partner_of(request.member), actor=request.user
    )
    messages.success(request, _("Blocked. This member cannot write to you or find you any more."))
    return redirect("exchange:home")


@require_POST
@member_required
def meeting_book(request, pk: int):
    tandem = _tandem(request, pk)
    spaces = list(tandems.meeting_spaces())
    form = MeetingForm(request.POST, spaces=spaces)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("exchange:tandem", pk=pk)
    space = next(s for s in spaces if s.pk == form.cleaned_data["space"])
    start = form.cleaned_data["start"]
    if timezone.is_naive(start):
        start = timezone.make_aware(start)
    end = start + dt.timedelta(minutes=form.cleaned_data["minutes"])
    if _attempt(
        request, tandems.meeting_book, tandem=tandem, member=request.member, space=space, start=start, end=end,
        actor=request.user,
    ):  # fmt: skip
        messages.success(request, _("The room is booked. We e-mailed you both."))
    return redirect("exchange:tandem", pk=pk)

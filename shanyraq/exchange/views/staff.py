"""Staff pages: the moderation queue and the safeguarding officer's view of minors' tandems."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core.permissions import staff_permission_required
from shanyraq.exchange import selectors
from shanyraq.exchange.forms import ModerationForm
from shanyraq.exchange.models import Message, Post
from shanyraq.exchange.services import showcase
from shanyraq.exchange.services.messages import message_hide

MODERATE = "exchange.moderate_post"
SAFEGUARDING = "exchange.view_minor_messages"


@staff_permission_required(MODERATE)
def moderation(request):
    return render(
        request,
        "exchange/staff/moderation.html",
        {
            "pending": selectors.posts_for_moderation(),
            "reported": selectors.posts_reported(),
            "hidden": Post.objects.filter(status=Post.Status.HIDDEN)[:50],
            "form": ModerationForm(),
        },
    )


@require_POST
@staff_permission_required(MODERATE)
def moderate(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            showcase.post_moderate(post=post, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Done."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose an action and give the reason."))
    return redirect("exchange_staff:moderation")


@staff_permission_required(SAFEGUARDING)
def safeguarding(request):
    return render(
        request,
        "exchange/staff/safeguarding.html",
        {"tandems": selectors.minors_tandems()[:200], "reported": selectors.reported_messages()[:200]},
    )


@staff_permission_required(SAFEGUARDING)
def safeguarding_tandem(request, pk: int):
    tandem = get_object_or_404(selectors.tandems_for_safeguarding(), pk=pk)
    return render(
        request,
        "exchange/staff/safeguarding_tandem.html",
        {
            "tandem": tandem,
            "messages_list": tandem.messages.select_related("sender").prefetch_related("reports"),
        },
    )


@require_POST
@staff_permission_required(SAFEGUARDING)
def message_hide_view(request, pk: int):
    message = get_object_or_404(Message, pk=pk, tandem__in=selectors.tandems_for_safeguarding())
    message_hide(message=message, actor=request.user, reason=request.POST.get("reason", ""))
    return redirect("exchange_staff:safeguarding_tandem", pk=message.tandem_id)

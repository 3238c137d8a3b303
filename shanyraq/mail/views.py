"""Staff pages: the outbox (director) and, in demo mode, the mail viewer (any staff login)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shanyraq.core.permissions import staff_permission_required
from shanyraq.mail import conf
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.selectors import demo_mailbox, outbox_counts, outbox_messages
from shanyraq.mail.services import outbox_retry

PAGE_SIZE = 50


@staff_permission_required("mail.view_outboxmessage")
def outbox(request):
    status = request.GET.get("status") or None
    counts = outbox_counts()
    page = Paginator(outbox_messages(status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mail/outbox.html",
        {
            "page": page,
            "status": status if status in OutboxMessage.Status.values else None,
            "statuses": [(value, label, counts[value]) for value, label in OutboxMessage.Status.choices],
            "demo": conf.demo_mode(),
        },
    )


@staff_permission_required("mail.change_outboxmessage")
@require_POST
def retry(request, pk: int):
    outbox_retry(message=get_object_or_404(OutboxMessage, pk=pk), actor=request.user)
    status = request.POST.get("status")
    url = reverse("mail_staff:outbox")
    return redirect(f"{url}?status={status}" if status in OutboxMessage.Status.values else url)


def viewer_allowed(user) -> bool:
    return conf.demo_mode() and user.is_authenticated and user.is_staff


@login_required
def viewer(request):
    if not viewer_allowed(request.user):
        raise Http404
    return render(request, "mail/viewer.html", {"messages_sent": demo_mailbox()})

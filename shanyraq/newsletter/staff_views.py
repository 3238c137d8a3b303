"""Staff pages: mailings (compose per language, preview, test send, schedule, send, progress), the
digest, and subscribers (find, export, import, a reader's data, erasure)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core import languages
from shanyraq.core.limits import limit_body
from shanyraq.core.permissions import staff_permission_required
from shanyraq.core.tables import FileFormatError
from shanyraq.newsletter import rendering, selectors
from shanyraq.newsletter.forms import ImportForm, MailingForm, ScheduleForm
from shanyraq.newsletter.models import Mailing, Subscriber
from shanyraq.newsletter.services.lists import subscriber_data, subscribers_export, subscribers_import
from shanyraq.newsletter.services.mailings import digest_create, mailing_save, mailing_test_send
from shanyraq.newsletter.services.sending import (
    mailing_progress,
    mailing_schedule,
    mailing_start,
    mailing_unschedule,
)
from shanyraq.newsletter.services.subscribers import subscriber_erase

IMPORT_MAX_BYTES = 5 * 1024 * 1024


@staff_permission_required("newsletter.view_mailing")
def mailings(request):
    page = Paginator(Mailing.objects.all(), 30).get_page(request.GET.get("page"))
    return render(
        request, "newsletter/staff/mailings.html", {"page": page, "counts": selectors.subscriber_counts()}
    )


@staff_permission_required("newsletter.add_mailing")
def mailing_new(request):
    return _edit(request, Mailing())


@staff_permission_required("newsletter.change_mailing")
def mailing_edit(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk, status=Mailing.Status.DRAFT)
    return _edit(request, mailing)


def _edit(request, mailing: Mailing):
    form = MailingForm(request.POST or None, instance=mailing)
    if request.method == "POST" and form.is_valid():
        try:
            mailing = mailing_save(mailing=form.save(commit=False), actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("newsletter_staff:mailing", pk=mailing.pk)
    return render(
        request,
        "newsletter/staff/edit.html",
        {"form": form, "mailing": mailing},
        status=400 if form.errors else 200,
    )


@staff_permission_required("newsletter.view_mailing")
def mailing_detail(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    editions = rendering.editions(mailing)
    rows = [
        (
            code,
            name,
            editions[code],
            selectors.readers_in(mailing, code) if mailing.status == "draft" else None,
        )
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "newsletter/staff/detail.html",
        {
            "mailing": mailing,
            "rows": rows,
            "progress": mailing_progress(mailing),
            "problems": rendering.size_problems(mailing),
            "schedule_form": ScheduleForm(initial={"at": mailing.scheduled_at}),
            "failures": selectors.failed_deliveries(mailing)[:50],
        },
    )


@staff_permission_required("newsletter.view_mailing")
def mailing_preview(request, pk: int, lang: str):
    """The HTML part exactly as a reader of `lang` gets it (with dummy links)."""
    mailing = get_object_or_404(Mailing, pk=pk)
    if languages.normalize(lang) != lang:
        raise Http404
    edition = rendering.edition(mailing, lang)
    if edition is None:
        return render(
            request,
            "newsletter/message.html",
            {
                "title": _("Not sent in this language"),
                "text": _("This mailing has no text in this language."),
            },
        )
    _text, html, _headers = rendering.addressed(edition, subscriber_id=0)
    response = HttpResponse(html)
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'"
    )
    return response


@require_POST
@staff_permission_required("newsletter.change_mailing")
def mailing_test(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    lang = languages.normalize(request.POST.get("language")) or languages.current()
    if mailing_test_send(mailing=mailing, language=lang, to=request.user.email, actor=request.user):
        messages.success(
            request, _("A test message is on its way to %(email)s.") % {"email": request.user.email}
        )
    else:
        messages.error(
            request, _("No test was sent: your login has no e-mail address, or this language has no text.")
        )
    return redirect("newsletter_staff:mailing", pk=pk)


@require_POST
@staff_permission_required("newsletter.send_mailing")
def mailing_schedule_view(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    if "unschedule" in request.POST:
        mailing_unschedule(mailing=mailing, actor=request.user)
        return redirect("newsletter_staff:mailing", pk=pk)
    form = ScheduleForm(request.POST)
    if form.is_valid() and form.cleaned_data["at"] > timezone.now():
        try:
            mailing_schedule(mailing=mailing, at=form.cleaned_data["at"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a time in the future."))
    return redirect("newsletter_staff:mailing", pk=pk)


@require_POST
@staff_permission_required("newsletter.send_mailing")
def mailing_send_now(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk, status__in=[Mailing.Status.DRAFT, Mailing.Status.SCHEDULED])
    try:
        count = mailing_start(mailing=mailing, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sending to %(count)s readers has started.") % {"count": count})
    return redirect("newsletter_staff:mailing", pk=pk)


@require_POST
@staff_permission_required("newsletter.add_mailing")
def digest_new(request):
    mailing = digest_create(actor=request.user)
    return redirect("newsletter_staff:edit", pk=mailing.pk)


@staff_permission_required("newsletter.view_subscriber")
def subscribers(request):
    query = (request.GET.get("q") or "").strip()[:254]
    found = selectors.subscribers_find(query) if query else None
    return render(
        request,
        "newsletter/staff/subscribers.html",
        {"q": query, "found": found, "counts": selectors.subscriber_counts(), "import_form": ImportForm()},
    )


@staff_permission_required("newsletter.view_subscriber")
def subscribers_export_view(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data = subscribers_export(fmt=fmt)
    kind = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="subscribers.{fmt}"'
    return response


@limit_body
@staff_permission_required("newsletter.add_subscriber")
def subscribers_import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report, error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            error = _("The file is larger than %(mb)s MB.") % {"mb": IMPORT_MAX_BYTES >> 20}
        else:
            try:
                report = subscribers_import(
                    data=upload.read(),
                    filename=upload.name,
                    actor=request.user,
                    language=form.cleaned_data["language"],
                )
            except FileFormatError as exc:
                error = str(exc)
    return render(
        request,
        "newsletter/staff/import.html",
        {"form": form, "report": report, "error": error},
        status=400 if error else 200,
    )


@staff_permission_required("newsletter.view_subscriber")
def subscriber_data_view(request, pk: int):
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(
        json.dumps(subscriber_data(subscriber), ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


@require_POST
@staff_permission_required("newsletter.delete_subscriber")
def subscriber_erase_view(request, pk: int):
    subscriber = get_object_or_404(Subscriber, pk=pk)
    subscriber_erase(email=subscriber.email)
    messages.success(
        request, _("The subscriber's data is erased; the address stays on the suppression list.")
    )
    return redirect("newsletter_staff:subscribers")

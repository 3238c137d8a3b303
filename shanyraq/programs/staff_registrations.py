"""Staff pages for coordinators: who is registered or waiting for each session, with contacts
and guardians, exports, and a message to everyone (programs/services/messages.py)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.core import when
from shanyraq.core.exports import rows_to_csv, rows_to_xlsx
from shanyraq.core.permissions import staff_permission_required
from shanyraq.programs import selectors
from shanyraq.programs.models import Session
from shanyraq.programs.services.messages import session_message_send

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_permission_required("programs.view_registration")
def registrations_index(request):
    return render(
        request,
        "programs/staff/registrations_index.html",
        {"sessions": selectors.sessions_for_coordinators()},
    )


def _session(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("program", "space"), pk=pk)


@staff_permission_required("programs.view_registration")
def session_registrations(request, pk: int):
    session = _session(pk)
    sheet = selectors.registration_sheet(session, request.user)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        name = f"registrations-{session.pk}-{session.start:%Y-%m-%d}"
        if fmt == "csv":
            response = HttpResponse(
                rows_to_csv(sheet.headers, sheet.rows), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                rows_to_xlsx(sheet.headers, sheet.rows, f"session-{session.pk}"), content_type=XLSX
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    rows = [[when.moment(v, "short") if isinstance(v, dt.datetime) else v for v in row] for row in sheet.rows]
    return render(
        request,
        "programs/staff/registrations.html",
        {
            "session": session,
            "headers": sheet.headers,
            "rows": rows,
            "can_message": request.user.has_perm("programs.change_registration"),
            "recipients": len(selectors.session_message_recipients(session)),
        },
    )


@staff_permission_required("programs.change_registration")
@require_POST
def session_message(request, pk: int):
    session = _session(pk)
    try:
        sent = session_message_send(
            session=session,
            subject=request.POST.get("subject", ""),
            text=request.POST.get("text", ""),
            audience=request.POST.get("audience", "all"),
            actor=request.user,
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Message queued for %(n)s recipients.") % {"n": sent})
    return redirect("programs_staff:session_registrations", pk=session.pk)

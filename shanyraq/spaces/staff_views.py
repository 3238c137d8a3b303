"""Staff page for the days the center is closed (holidays): list, add, remove, through the services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shanyraq.core import when
from shanyraq.core.permissions import staff_permission_required
from shanyraq.spaces.models import ClosedDay
from shanyraq.spaces.selectors import closed_days_ahead
from shanyraq.spaces.services import closed_day_add, closed_day_remove


@staff_permission_required("spaces.view_closedday")
@require_http_methods(["GET", "POST"])
def closed_days(request):
    errors: list[str] = []
    if request.method == "POST":
        if not request.user.has_perm("spaces.add_closedday"):
            raise PermissionDenied
        try:
            day = dt.date.fromisoformat(request.POST.get("date", ""))
            closed_day_add(date=day, reason=request.POST.get("reason", ""), actor=request.user)
        except ValueError:
            errors.append(_("Please give a valid date."))
        except ValidationError as exc:
            errors.extend(exc.messages)
        else:
            messages.success(
                request, _("The center is now closed on %(day)s.") % {"day": when.day(day, "full")}
            )
            return redirect("spaces_staff:closed_days")
    return render(
        request,
        "spaces/staff/closed_days.html",
        {"days": closed_days_ahead(), "errors": errors, "posted": request.POST if errors else {}},
        status=400 if errors else 200,
    )


@staff_permission_required("spaces.delete_closedday")
@require_POST
def closed_day_delete(request, pk: int):
    closed_day_remove(closed=get_object_or_404(ClosedDay, pk=pk), actor=request.user)
    return redirect("spaces_staff:closed_days")

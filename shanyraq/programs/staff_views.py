"""Staff pages: check-in at the door, attendance in class, reports, a quick new program."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from shanyraq.core.permissions import staff_permission_required
from shanyraq.programs import reports, selectors
from shanyraq.programs.models import Attendance, Program, Session
from shanyraq.programs.services.attendance import attendance_mark, checkin_scan
from shanyraq.programs.services.sessions import program_create


@staff_permission_required("programs.check_in")
@require_http_methods(["GET", "POST"])
def checkin(request):
    result = None
    if request.method == "POST":
        result = checkin_scan(text=request.POST.get("code", ""), actor=request.user)
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse(
                {
                    "outcome": result.outcome,
                    "message": result.message,
                    "name": result.registration.person.name if result.registration else "",
                }
            )
    today = timezone.localdate()
    sessions = selectors.with_seats_left(
        Session.objects.filter(start__date=today, is_cancelled=False).select_related("program", "space")
    )
    return render(request, "programs/staff/checkin.html", {"result": result, "sessions": sessions})


@staff_permission_required("programs.mark_attendance")
def my_classes(request):
    sessions = (
        selectors.sessions_taught_by(request.user)
        .filter(start__gte=timezone.now() - dt.timedelta(days=30), is_cancelled=False)
        .order_by("start")
    )
    return render(request, "programs/staff/classes.html", {"sessions": sessions})


@staff_permission_required("programs.mark_attendance")
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("program", "space"), pk=pk)
    if not selectors.can_mark_attendance(request.user, session):
        raise PermissionDenied
    people = list(selectors.participants(session))
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        for registration in people:
            attendance_mark(
                session=session,
                registration=registration,
                present=str(registration.pk) in present,
                actor=request.user,
            )
        return redirect("programs_staff:attendance", pk=session.pk)
    marks = dict(Attendance.objects.filter(session=session).values_list("registration_id", "status"))
    rows = [(r, marks.get(r.pk)) for r in people]
    return render(request, "programs/staff/attendance.html", {"session": session, "rows": rows})


def _day(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@staff_permission_required("programs.view_reports")
def report(request):
    name = request.GET.get("report", "attendance")
    if name not in reports.REPORTS:
        name = "attendance"
    day_from, day_to = _day(request.GET.get("from")), _day(request.GET.get("to"))
    data = reports.REPORTS[name](day_from, day_to)
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        response = HttpResponse(reports.to_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            reports.to_xlsx(data, name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return render(
        request,
        "programs/staff/report.html",
        {
            "report": data,
            "name": name,
            "names": list(reports.REPORTS),
            "query": request.GET.urlencode(),
        },
    )


@staff_permission_required("programs.add_program")
@require_http_methods(["GET", "POST"])
def program_new(request):
    errors = []
    if request.method == "POST":
        titles = {
            code: request.POST.get(f"title_{code}", "").strip() for code in ("zh-hans", "en", "kk", "ru")
        }
        try:
            program = program_create(
                title={k: v for k, v in titles.items() if v},
                kind=request.POST.get("kind", ""),
                actor=request.user,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("admin:programs_program_change", program.pk)
    return render(
        request,
        "programs/staff/program_new.html",
        {"kinds": Program.Kind.choices, "errors": errors},
        status=400 if errors else 200,
    )

"""Staff pages: check-in at the door, attendance in class, reports, a quick new program."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shanyraq.core.permissions import staff_permission_required
from shanyraq.programs import reports, selectors
from shanyraq.programs.forms import ProgramForm
from shanyraq.programs.models import Attendance, Program, Session
from shanyraq.programs.services.attendance import attendance_mark, checkin_scan
from shanyraq.programs.services.sessions import program_create, program_update


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
            return redirect("programs_staff:sessions", pk=program.pk)
    return render(
        request,
        "programs/staff/program_new.html",
        {"kinds": Program.Kind.choices, "errors": errors},
        status=400 if errors else 200,
    )


@staff_permission_required("programs.change_program")
@require_http_methods(["GET", "POST"])
def program_edit(request, pk: int):
    """Texts in each language, audience, seats, registration window and publication."""
    program = get_object_or_404(Program, pk=pk)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            program_update(program=program, changes=form.changes(), actor=request.user)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("programs_staff:sessions", pk=program.pk)
    return render(
        request,
        "programs/staff/program_edit.html",
        {"form": form, "program": program},
        status=400 if form.errors else 200,
    )


@staff_permission_required("programs.view_program")
def program_list(request):
    programs = Program.objects.prefetch_related("sessions").order_by("-pk")
    return render(request, "programs/staff/program_list.html", {"programs": programs})


def _parse_dates(text: str) -> list[dt.date]:
    days = []
    for chunk in text.replace(",", " ").split():
        days.append(dt.date.fromisoformat(chunk))
    return days


def _posted(request) -> dict:
    """What the refused form held, for the action that was sent (the other form stays empty)."""
    data = {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}
    data["weekday"] = {int(d) for d in request.POST.getlist("weekday") if d.isdigit()}
    return {request.POST.get("action", ""): data}


@staff_permission_required("programs.add_session")
@require_http_methods(["GET", "POST"])
def program_sessions(request, pk: int):
    """Add one session or a weekly term; move or cancel one session. All through the services."""
    from shanyraq.programs.services.sessions import (
        session_cancel,
        session_create,
        session_reschedule,
        sessions_generate_weekly,
    )
    from shanyraq.spaces.models import Space

    program = get_object_or_404(Program, pk=pk)
    errors: list[str] = []
    zone = timezone.get_current_timezone()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("once", "weekly"):
                space = Space.objects.get(slug=request.POST.get("space", ""))
                start_time = dt.time.fromisoformat(request.POST.get("time", ""))
                minutes = int(request.POST.get("minutes", "90"))
                capacity = int(request.POST["capacity"]) if request.POST.get("capacity") else None
            if action == "once":
                start = dt.datetime.combine(
                    dt.date.fromisoformat(request.POST.get("day", "")), start_time, tzinfo=zone
                )
                session_create(
                    program=program,
                    space=space,
                    start=start,
                    end=start + dt.timedelta(minutes=minutes),
                    capacity=capacity,
                    override_reason=request.POST.get("override_reason", ""),
                    actor=request.user,
                )
            elif action == "weekly":
                sessions_generate_weekly(
                    program=program,
                    space=space,
                    weekdays=[int(d) for d in request.POST.getlist("weekday")],
                    start_time=start_time,
                    duration=dt.timedelta(minutes=minutes),
                    first_day=dt.date.fromisoformat(request.POST.get("first", "")),
                    last_day=dt.date.fromisoformat(request.POST.get("last", "")),
                    skip=_parse_dates(request.POST.get("skip", "")),
                    capacity=capacity,
                    override_reason=request.POST.get("override_reason", ""),
                    actor=request.user,
                )
            elif action in ("move", "cancel"):
                session = get_object_or_404(
                    Session, pk=int(request.POST.get("session", "0")), program=program
                )
                if action == "cancel":
                    session_cancel(session=session, actor=request.user)
                else:
                    start = dt.datetime.fromisoformat(request.POST.get("start", "")).replace(tzinfo=zone)
                    session_reschedule(
                        session=session,
                        start=start,
                        end=start + (session.end - session.start),
                        override_reason=request.POST.get("override_reason", ""),
                        actor=request.user,
                    )
            else:
                errors.append(_("Unknown action."))
        except ValidationError as exc:
            errors.extend(exc.messages)
        except (ValueError, KeyError, Space.DoesNotExist):
            errors.append(_("Please fill in every field with a valid value."))
        if not errors:
            return redirect("programs_staff:sessions", pk=program.pk)
    return render(
        request,
        "programs/staff/sessions.html",
        {
            "program": program,
            "sessions": program.sessions.select_related("space").order_by("start"),
            "spaces": Space.objects.exclude(kind=Space.Kind.STORAGE),
            "errors": errors,
            "weekdays": sorted(WEEKDAYS_ABBR.items()),
            # A refused form comes back as it was sent, so one clash does not cost the whole term.
            "posted": _posted(request) if errors else {},
        },
        status=400 if errors else 200,
    )

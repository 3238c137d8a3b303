"""Public pages: what's on, program and session pages, registration, links from e-mails, ICS."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shanyraq.core import languages
from shanyraq.core.calendars import OutOfRange, month_start
from shanyraq.core.limits import limit_body
from shanyraq.core.optin import newsletter_optin
from shanyraq.programs import ics, ratelimit, selectors, tokens
from shanyraq.programs.forms import RegistrationForm
from shanyraq.programs.models import Program, Registration, Session
from shanyraq.programs.services.public import registration_submit
from shanyraq.programs.services.registrations import (
    booking_cancel,
    registration_accept_offer,
    registration_cancel,
    registration_verify_email,
)
from shanyraq.programs.tickets import qr_png


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def whats_on(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Program.Kind.values else ""
    language = languages.normalize(request.GET.get("language")) or ""
    age = _int(request.GET.get("age"))
    day_from = _date(request.GET.get("from"))
    day_to = _date(request.GET.get("to"))
    sessions = selectors.sessions_public(
        kind=kind, age=age, language=language, day_from=day_from, day_to=day_to
    )
    return render(
        request,
        "programs/whats_on.html",
        {
            "sessions": selectors.with_seats_left(sessions[:200]),
            "kinds": Program.Kind.choices,
            "languages": settings.LANGUAGES,
            "filters": {
                "kind": kind,
                "language": language,
                "age": age if age is not None else "",
                "from": day_from.isoformat() if day_from else "",
                "to": day_to.isoformat() if day_to else "",
            },
        },
    )


def whats_on_calendar(request):
    today = timezone.localdate()
    try:
        first = month_start(request.GET.get("month", ""), today)
    except OutOfRange as exc:
        return render(request, "core/refused.html", {"message": exc.message()}, status=400)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    sessions = selectors.sessions_public(day_from=first, day_to=last, include_past=True)
    by_day: dict[dt.date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.start).date(), []).append(session)
    weeks = [
        [(day, by_day.get(day, []), day.month == first.month) for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "programs/calendar.html",
        {
            "weeks": weeks,
            "first": first,
            "prev": prev_month.strftime("%Y-%m"),
            "next": next_month.strftime("%Y-%m"),
            "today": today,
        },
    )


def _json_ld(program: Program, sessions: list[Session], request) -> str:
    lang = languages.current()
    events = []
    for session in sessions:
        place, _l = languages.translated(session.space, "name", lang)
        events.append(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": languages.translated(program, "title", lang)[0],
                "description": languages.translated(program, "description", lang)[0][:500],
                "startDate": timezone.localtime(session.start).isoformat(),
                "endDate": timezone.localtime(session.end).isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if session.is_cancelled
                else "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "inLanguage": program.language or lang,
                "location": {
                    "@type": "Place",
                    "name": place,
                    "address": str(settings.SHANYRAQ["CENTER_NAME"]),
                },
                "url": request.build_absolute_uri(session.get_absolute_url()),
                "offers": {
                    "@type": "Offer",
                    "price": str(program.price),
                    "priceCurrency": "CNY",
                    "availability": "https://schema.org/InStock"
                    if getattr(session, "seats_left", 1) > 0
                    else "https://schema.org/SoldOut",
                },
                **(
                    {"typicalAgeRange": f"{program.min_age or ''}-{program.max_age or ''}"}
                    if program.min_age or program.max_age
                    else {}
                ),
            }
        )
    text = json.dumps(events, ensure_ascii=False)
    # Escape what could close the <script> element (as django.utils.html.json_script does).
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def program_detail(request, pk: int):
    program = get_object_or_404(selectors.programs_public().prefetch_related("teachers"), pk=pk)
    sessions = selectors.with_seats_left(
        program.sessions.filter(is_cancelled=False, end__gte=timezone.now()).select_related(
            "program", "space"
        )
    )
    return render(
        request,
        "programs/detail.html",
        {
            "program": program,
            "sessions": sessions,
            "json_ld": _json_ld(program, sessions, request),
        },
    )


@limit_body
@require_http_methods(["GET", "POST"])
def session_detail(request, pk: int):
    session = get_object_or_404(selectors.sessions_public(include_past=True), pk=pk)
    program = session.program
    form = RegistrationForm(request.POST if request.method == "POST" else None, program=program)
    error = ""
    if request.method == "POST":
        if form.is_bot:
            # Pretend success to the bot; nothing is written.
            return render(request, "programs/registered.html", {"registrations": [], "program": program})
        if not ratelimit.allow(request):
            error = _("Too many registrations from your network. Please try again later.")
        elif form.is_valid():
            try:
                registrations = registration_submit(
                    session=session,
                    data=form.submission(languages.current()),
                    user=request.user,
                    actor=request.user,
                )
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, messages)
            else:
                newsletter_optin(form)
                token = tokens.make(registrations[0].pk, "view")
                return redirect(reverse("programs:registration", kwargs={"token": token}))
    session.seats_left = selectors.seats_left(session)
    return render(
        request,
        "programs/session.html",
        {
            "session": session,
            "program": program,
            "form": form,
            "error": error,
            "is_open": session.start > timezone.now(),
            "json_ld": _json_ld(program, [session], request),
        },
        status=429 if error else (400 if request.method == "POST" else 200),
    )


def _registration_from(token: str, action: str) -> Registration:
    reg_id = tokens.read(token, action)
    registration = (
        Registration.objects.select_related("program", "session__space", "person", "booker")
        .filter(pk=reg_id)
        .first()
        if reg_id
        else None
    )
    if registration is None:
        raise Http404(_("This link is not valid."))
    return registration


@require_http_methods(["GET", "POST"])
def registration_view(request, token: str):
    """The booking page: when and where, each participant's QR ticket, the calendar, and cancelling
    one participant or everyone. Reached from the e-mail and from the confirmation after the form."""
    registration = _registration_from(token, "view")
    cancelled = 0
    if request.method == "POST" and request.POST.get("cancel") == "all":
        cancelled = len(booking_cancel(registration=registration, actor=request.user))
    members = selectors.booking_registrations(registration)
    session = registration.session
    sessions = (
        [session]
        if session is not None
        else list(registration.program.sessions.filter(is_cancelled=False).select_related("space"))
    )
    return render(
        request,
        "programs/registered.html",
        {
            "registrations": members,
            "program": registration.program,
            "registration": registration,
            "sessions": sessions,
            "tickets": [(m, tokens.make(m.pk, "cancel")) for m in members],
            "view_token": token,
            "cancelled": cancelled,
            "can_cancel": any(m.status in Registration.CANCELLABLE for m in members),
            "center_address": settings.SHANYRAQ.get("CENTER_ADDRESS", ""),
            "map_url": settings.SHANYRAQ.get("CENTER_MAP_URL", ""),
        },
    )


def registration_ticket_png(request, token: str, code: str):
    """A participant's QR ticket as an image on the booking page (the same one the e-mail attaches)."""
    registration = _registration_from(token, "view")
    member = next((m for m in selectors.booking_registrations(registration) if m.code == code), None)
    if member is None or member.status not in Registration.HOLDING:
        raise Http404(_("This link is not valid."))
    response = HttpResponse(qr_png(member.code), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token: str):
    registration = _registration_from(token, "cancel")
    done = False
    if request.method == "POST":
        try:
            registration = registration_cancel(registration=registration, actor=request.user)
            done = True
        except ValidationError as exc:
            return render(
                request, "programs/link_result.html", {"message": " ".join(exc.messages)}, status=400
            )
    return render(request, "programs/cancel.html", {"registration": registration, "done": done})


def registration_verify_view(request, token: str):
    registration = _registration_from(token, "verify")
    registration_verify_email(registration=registration)
    return render(
        request, "programs/link_result.html", {"message": _("Thank you: your e-mail address is confirmed.")}
    )


@require_http_methods(["GET", "POST"])
def registration_accept_view(request, token: str):
    registration = _registration_from(token, "accept")
    if request.method == "POST":
        try:
            registration_accept_offer(registration=registration, actor=request.user)
        except ValidationError as exc:
            return render(
                request, "programs/link_result.html", {"message": " ".join(exc.messages)}, status=400
            )
        return render(
            request,
            "programs/link_result.html",
            {"message": _("The seat is yours. Your ticket is on its way by e-mail.")},
        )
    return render(request, "programs/accept.html", {"registration": registration})


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{escape(filename)}"'
    return response


def program_ics(request, pk: int):
    program = get_object_or_404(selectors.programs_public(), pk=pk)
    sessions = program.sessions.filter(is_cancelled=False).select_related("program", "space")
    lang = languages.normalize(request.GET.get("lang"))
    return _ics_response(
        ics.calendar(sessions, name=languages.translated(program, "title", lang)[0], lang=lang),
        f"program-{program.pk}.ics",
    )


def whats_on_ics(request):
    sessions = selectors.sessions_public(include_past=False)[:500]
    lang = languages.normalize(request.GET.get("lang"))
    return _ics_response(
        ics.calendar(sessions, name=str(settings.SHANYRAQ["CENTER_NAME"]), lang=lang), "whats-on.ics"
    )

"""Week and month calendars of a space, its ICS feed, and the staff page for booking requests.

Public calendars show only approved bookings, and only the public title of a program session;
everything else reads 'Booked' (an outside renter's name and purpose are not public).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from icalendar import Calendar, Event

from shanyraq.core import languages, links, ratelimit, when
from shanyraq.core.calendars import OutOfRange, month_start, week_monday
from shanyraq.core.limits import limit_body
from shanyraq.core.permissions import staff_permission_required
from shanyraq.spaces import conf
from shanyraq.spaces.models import Booking
from shanyraq.spaces.selectors import bookings_between, bookings_requested, spaces_public
from shanyraq.spaces.services import booking_decide, booking_request

HOURS = range(8, 22)


def public_label(booking: Booking) -> str:
    return booking.public_title if booking.is_public and booking.public_title else _("Booked")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def space_calendar(request, slug: str):
    space = get_object_or_404(spaces_public(), slug=slug)
    today = timezone.localdate()
    view = "month" if request.GET.get("view") == "month" else "week"
    try:
        if view == "week":
            context, bookings = _week(space, week_monday(request.GET.get("week", ""), today))
        else:
            context, bookings = _month(space, month_start(request.GET.get("month", ""), today))
    except OutOfRange as exc:
        return render(request, "core/refused.html", {"message": exc.message()}, status=400)
    for b in bookings:
        b.label = public_label(b)
    return render(request, "spaces/calendar.html", {"space": space, "view": view, "today": today, **context})


def _week(space, monday: dt.date) -> tuple[dict, list[Booking]]:
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    bookings = list(bookings_between(space, _midnight(days[0]), _midnight(days[-1] + dt.timedelta(days=1))))
    columns = [(day, [b for b in bookings if timezone.localtime(b.start).date() == day]) for day in days]
    prev_w, next_w = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    context = {
        "columns": columns,
        "prev": "{}-W{:02d}".format(*prev_w.isocalendar()[:2]),
        "next": "{}-W{:02d}".format(*next_w.isocalendar()[:2]),
    }
    return context, bookings


def _month(space, first: dt.date) -> tuple[dict, list[Booking]]:
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    bookings = list(bookings_between(space, _midnight(first), _midnight(last + dt.timedelta(days=1))))
    by_day: dict[dt.date, list[Booking]] = {}
    for b in bookings:
        by_day.setdefault(timezone.localtime(b.start).date(), []).append(b)
    weeks = [
        [(d, by_day.get(d, []), d.month == first.month) for d in week]
        for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    context = {
        "weeks": weeks,
        "first": first,
        "prev": (first - dt.timedelta(days=1)).strftime("%Y-%m"),
        "next": (last + dt.timedelta(days=1)).strftime("%Y-%m"),
    }
    return context, bookings


def space_ics(request, slug: str):
    space = get_object_or_404(spaces_public(), slug=slug)
    now = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Shanyraq//Spaces//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", languages.translated(space, "name", request.GET.get("lang"))[0])
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for booking in bookings_between(space, now - dt.timedelta(days=30), now + dt.timedelta(days=365)):
        event = Event()
        event.add("uid", f"booking-{booking.pk}@spaces.shanyraq")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", booking.start.astimezone(dt.UTC))
        event.add("dtend", booking.end.astimezone(dt.UTC))
        event.add("summary", public_label(booking))
        event.add("location", languages.translated(space, "name", request.GET.get("lang"))[0])
        if booking.is_public and booking.public_url:
            event.add("url", links.site_url(request.GET.get("lang")) + booking.public_url)
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{space.slug}.ics"'
    return response


@staff_permission_required("spaces.view_booking")
def booking_requests(request):
    return render(request, "spaces/staff/requests.html", {"bookings": bookings_requested()})


@staff_permission_required("spaces.approve_booking")
@require_POST
def booking_decide_view(request, pk: int):
    """Approve or refuse, with an optional reason the requester reads in the decision e-mail."""
    booking = get_object_or_404(Booking, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        booking = booking_decide(
            booking=booking, approve=approve, reason=request.POST.get("reason", ""), actor=request.user
        )
    except ValidationError as exc:
        return render(
            request,
            "spaces/staff/requests.html",
            {"bookings": bookings_requested(), "errors": exc.messages},
            status=400,
        )
    facts = {
        "space": languages.translated(booking.space, "name")[0],
        "when": when.span(booking.start, booking.end),
    }
    if approve:
        text = _("The request for %(space)s on %(when)s is approved.") % facts
    else:
        text = _("The request for %(space)s on %(when)s is declined.") % facts
    if booking.requester_email:
        text += " " + _("The requester is told by e-mail.")
    else:
        text += " " + _("The request has no e-mail address: please tell the requester yourself.")
    messages.success(request, text)
    return redirect("spaces_staff:requests")


class RequestForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name or organisation"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    start = forms.DateTimeField(
        label=gettext_lazy("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(
        label=gettext_lazy("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    purpose = forms.CharField(
        label=gettext_lazy("What for?"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this empty"), max_length=200, required=False
    )  # honeypot


def _allow(request) -> bool:
    """At most SPACES_REQUEST_RATE requests per visitor IP (shared cache, core/ratelimit.py)."""
    return ratelimit.allow(request, "spaces:request", ratelimit.Rate.parse(conf.get("SPACES_REQUEST_RATE")))


@limit_body
@require_http_methods(["GET", "POST"])
def booking_request_view(request, slug: str):
    """An outside organisation asks for a space; the program coordinator decides."""
    space = get_object_or_404(spaces_public(), slug=slug)
    form = RequestForm(request.POST if request.method == "POST" else None)
    done = False
    if request.method == "POST" and not form.data.get("website") and form.is_valid():
        if not _allow(request):
            form.add_error(None, _("Too many requests from your network. Please try again later."))
        else:
            d = form.cleaned_data
            try:
                booking_request(
                    space=space,
                    start=d["start"],
                    end=d["end"],
                    purpose=d["purpose"],
                    requester_name=d["name"],
                    requester_email=d["email"],
                )
                done = True
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
    elif request.method == "POST" and form.data.get("website"):
        done = True  # a bot: pretend, write nothing
    status = 400 if request.method == "POST" and not done else 200
    return render(request, "spaces/request.html", {"space": space, "form": form, "done": done}, status=status)

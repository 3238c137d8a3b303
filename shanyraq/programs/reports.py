"""Reports for the coordinator and the director: attendance, occupancy, waiting-list demand.

Exports (CSV, XLSX) neutralise spreadsheet formulas: a cell that starts with = + - @ or a
control character is prefixed with an apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.exports import rows_to_csv, rows_to_xlsx, safe_cell  # noqa: F401 - re-exported
from shanyraq.programs.models import Attendance, Program, Registration, Session
from shanyraq.programs.selectors import Report


def _title(session: Session) -> str:
    return languages.translated(session.program, "title")[0]


def _sessions(day_from: dt.date | None, day_to: dt.date | None):
    qs = Session.objects.filter(is_cancelled=False).select_related("program", "space").order_by("start")
    if day_from:
        qs = qs.filter(start__date__gte=day_from)
    if day_to:
        qs = qs.filter(start__date__lte=day_to)
    return qs


def attendance_report(day_from=None, day_to=None) -> Report:
    """Per session: seats held, present, absent, and no-shows (a past session, nobody checked in)."""
    sessions = list(_sessions(day_from, day_to))
    marks = defaultdict(lambda: {"present": 0, "absent": 0})
    for row in (
        Attendance.objects.filter(session__in=sessions).values("session_id", "status").annotate(n=Count("pk"))
    ):
        marks[row["session_id"]][row["status"]] = row["n"]
    now = timezone.now()
    rows = []
    for s in sessions:
        pool = Registration.objects.filter(
            **Registration.pool_filter(s.program, s),
            status__in=(Registration.Status.CONFIRMED, Registration.Status.ATTENDED),
        )
        held = pool.count()
        present = marks[s.pk]["present"]
        no_shows = max(0, held - present) if s.end < now else 0
        rows.append(
            [
                timezone.localtime(s.start).strftime("%Y-%m-%d %H:%M"),
                _title(s),
                str(s.space),
                held,
                present,
                marks[s.pk]["absent"],
                no_shows,
            ]
        )
    return Report(
        [_("Start"), _("Program"), _("Space"), _("Registered"), _("Present"), _("Absent"), _("No-shows")],
        rows,
    )


def occupancy_by_space(start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[list]:
    """Per space: [space, sessions, hours, seats offered, seats taken, occupancy in %].

    One query: each session carries its seats taken as a subquery (per session, or for a course
    the whole course's pool, never more than the session's seats); the sums per space are made
    here. The space is its translated name, never its slug. Shared by the program reports and the
    director's dashboard.
    """
    from django.db.models import Case, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    held = Registration.objects.filter(status__in=Registration.HOLDING)
    per_session = held.filter(session=OuterRef("pk")).values("session").annotate(n=Sum("seats")).values("n")
    per_course = (
        held.filter(program=OuterRef("program"), session=None)
        .values("program")
        .annotate(n=Sum("seats"))
        .values("n")
    )
    qs = Session.objects.filter(is_cancelled=False)
    if start:
        qs = qs.filter(start__gte=start)
    if end:
        qs = qs.filter(start__lt=end)
    qs = qs.annotate(
        taken=Case(
            When(program__kind=Program.Kind.COURSE, then=Coalesce(Subquery(per_course), 0)),
            default=Coalesce(Subquery(per_session), 0),
            output_field=IntegerField(),
        )
    ).select_related("space")
    agg: dict = {}
    for s in qs.order_by("space__order", "space__slug", "start"):
        row = agg.setdefault(s.space_id, [s.space, 0, 0.0, 0, 0])
        row[1] += 1
        row[2] += (s.end - s.start).total_seconds() / 3600
        row[3] += s.capacity
        row[4] += min(s.capacity, s.taken)
    return [
        [str(space), n, round(hours, 1), seats, taken, round(100 * taken / seats) if seats else 0]
        for space, n, hours, seats, taken in agg.values()
    ]


def _day_bounds(day_from, day_to):
    """Local midnights around [day_from, day_to] (the center's time zone)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day_from, dt.time(), tzinfo=tz) if day_from else None
    end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(), tzinfo=tz) if day_to else None
    return start, end


def occupancy_report(day_from=None, day_to=None) -> Report:
    """Per space: sessions, hours in use, seats offered and seats taken."""
    rows = [[*row[:5], f"{row[5]}%"] for row in occupancy_by_space(*_day_bounds(day_from, day_to))]
    return Report([_("Space"), _("Sessions"), _("Hours"), _("Seats"), _("Seats taken"), _("Occupancy")], rows)


def waiting_report(day_from=None, day_to=None) -> Report:
    """Demand beyond capacity: who waits, per session (or per course)."""
    rows = []
    for s in _sessions(day_from, day_to):
        if s.program.registers_as_whole and s != s.program.sessions.order_by("start").first():
            continue
        pool = Registration.objects.filter(**Registration.pool_filter(s.program, s))
        counts = pool.aggregate(
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
            offered=Count("pk", filter=Q(status=Registration.Status.OFFERED)),
        )
        if counts["waiting"] or counts["offered"]:
            rows.append(
                [
                    timezone.localtime(s.start).strftime("%Y-%m-%d %H:%M"),
                    _title(s),
                    s.capacity,
                    counts["waiting"],
                    counts["offered"],
                ]
            )
    return Report([_("Start"), _("Program"), _("Seats"), _("Waiting"), _("Offered")], rows)


REPORTS = {"attendance": attendance_report, "occupancy": occupancy_report, "waiting": waiting_report}


def to_csv(report: Report) -> bytes:
    return rows_to_csv(report.headers, report.rows)


def to_xlsx(report: Report, title: str) -> bytes:
    return rows_to_xlsx(report.headers, report.rows, title)

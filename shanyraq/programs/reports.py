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
from shanyraq.programs.models import Attendance, Registration, Session
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
                s.space.slug,
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


def occupancy_report(day_from=None, day_to=None) -> Report:
    """Per space: sessions, hours in use, seats offered and seats taken."""
    agg = defaultdict(lambda: [0, 0.0, 0, 0])
    for s in _sessions(day_from, day_to):
        row = agg[s.space.slug]
        row[0] += 1
        row[1] += (s.end - s.start).total_seconds() / 3600
        row[2] += s.capacity
        if not s.program.registers_as_whole:
            row[3] += (
                Registration.objects.filter(session=s, status__in=Registration.HOLDING).aggregate(
                    n=Sum("seats")
                )["n"]
                or 0
            )
        else:
            row[3] += min(
                s.capacity,
                Registration.objects.filter(
                    program=s.program, session=None, status__in=Registration.HOLDING
                ).aggregate(n=Sum("seats"))["n"]
                or 0,
            )
    rows = [
        [slug, n, round(hours, 1), seats, taken, f"{(100 * taken / seats) if seats else 0:.0f}%"]
        for slug, (n, hours, seats, taken) in sorted(agg.items())
    ]
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

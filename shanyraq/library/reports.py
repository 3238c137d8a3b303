"""Reports for the director. Anonymous by construction: counts by month, language and category.

CSV and XLSX exports neutralise formula injection: a cell that starts with = + - @ tab or CR
is prefixed with an apostrophe, so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx, safe_cell  # noqa: F401 - re-exported
from shanyraq.library.labels import language_name
from shanyraq.library.models import Copy, Loan, Patron, Record


def loans_by_month(*, since: dt.date | None = None) -> list[tuple[str, str, str, int]]:
    """(YYYY-MM, record language, patron category, loans); anonymized loans count too.

    The language and the category are their names in the reader's language, never the codes
    (`chi`, `adult`) they are stored as."""
    qs = Loan.objects.all()
    if since:
        qs = qs.filter(checked_out_at__date__gte=since)
    rows = (
        qs.annotate(month=TruncMonth("checked_out_at"))
        .values_list("month", "copy__record__language", "patron_category")
        .annotate(n=Count("pk"))
        .order_by("month", "copy__record__language", "patron_category")
    )
    return [
        (timezone.localtime(m).strftime("%Y-%m"), language_name(lang), str(Patron.Category(cat).label), n)
        for m, lang, cat, n in rows
    ]


def most_borrowed(limit: int = 20) -> list[tuple[int, str, int]]:
    rows = (
        Record.objects.annotate(n=Count("copies__loans"))
        .filter(n__gt=0)
        .order_by("-n", "title")
        .values_list("pk", "title", "n")[:limit]
    )
    return list(rows)


def overdue(today: dt.date | None = None) -> list[tuple[str, str, str, int]]:
    """(copy barcode, title, due date, days overdue): no patron names in a report that gets exported."""
    today = today or timezone.localdate()
    loans = (
        Loan.objects.filter(returned_at__isnull=True, due_on__lt=today)
        .select_related("copy__record")
        .order_by("due_on")
    )
    return [
        (loan.copy.barcode, loan.copy.record.title, loan.due_on.isoformat(), (today - loan.due_on).days)
        for loan in loans
    ]


def new_acquisitions(days: int = 90, today: dt.date | None = None) -> list[tuple[str, str, str]]:
    today = today or timezone.localdate()
    copies = (
        Copy.objects.filter(acquired_on__gte=today - dt.timedelta(days=days))
        .select_related("record")
        .order_by("-acquired_on", "barcode")
    )
    return [(c.acquired_on.isoformat(), c.barcode, c.record.title) for c in copies]


def to_csv(header: list[str], rows) -> bytes:
    return rows_to_csv(header, rows)


def to_xlsx(header: list[str], rows) -> bytes:
    return rows_to_xlsx(header, rows)

"""Reads of the director's dashboard: one aggregate query per chart, bucketed in SQL.

The dashboard crosses modules (programs, spaces, library, collection), so its reads live in
`site`, which may import every domain app; a domain app never imports it. Each chart is a
`Chart`: a table (first column the category, then one column per series) and which columns are
drawn. Every label is in the reader's language: statuses and categories through their model
choices, languages through CLDR, spaces by their translated name, never a code or a slug.
Counts of people are seats (a guardian with two children is three visitors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from shanyraq.collection.models import Artifact
from shanyraq.core import when
from shanyraq.library.models import Loan, Patron
from shanyraq.programs.models import Attendance, Registration
from shanyraq.programs.reports import occupancy_by_space
from shanyraq.site.dashboard.periods import Period

UNKNOWN = "—"


@dataclass
class Chart:
    slug: str
    title: str
    description: str  # what is counted, for <desc> and the table's caption
    columns: list[str]  # the header: the category, then the series
    rows: list[list] = field(default_factory=list)
    plot: list[int] = field(default_factory=list)  # columns drawn (stacked); empty: all series
    unit: str = ""  # "%" for shares

    @property
    def series(self) -> list[int]:
        return self.plot or list(range(1, len(self.columns)))

    @property
    def total(self) -> int | float:
        return sum(row[i] for row in self.rows for i in self.series) if not self.unit else 0


def language_label(code: str | None) -> str:
    """A visitor's language (`zh-hans`, `kk`) named in the reader's language by CLDR."""
    if not code:
        return UNKNOWN
    return when.locale(code).get_language_name(when.locale()) or code


def visitor_languages() -> list[tuple[str, str]]:
    return [(code, language_label(code)) for code in settings.LANGUAGE_CODES]


def _matrix(period: Period, counts, series: list[tuple[str, str]]) -> list[list]:
    """Rows per bucket, one column per series key; `counts` yields (bucket value, key, n)."""
    keys = [key for key, _label in series]
    table = {day: dict.fromkeys(keys, 0) for day in period.buckets}
    for bucket, key, n in counts:
        day = period.day_of(bucket)
        if day in table and key in table[day]:
            table[day][key] += n or 0
    return [[period.label(day), *(table[day][k] for k in keys)] for day in period.buckets]


def _in(period: Period, path: str) -> Q:
    return Q(**{f"{path}__gte": period.start, f"{path}__lt": period.end})


def visitors(period: Period, lang: str = "") -> Chart:
    """Visitors checked in at the door, per bucket and language of the visitor."""
    qs = Attendance.objects.filter(
        _in(period, "checked_in_at"), status=Attendance.Status.PRESENT, checked_in_at__isnull=False
    )
    if lang:
        qs = qs.filter(registration__person__language=lang)
    counts = (
        qs.annotate(bucket=period.trunc("checked_in_at"))
        .values_list("bucket", "registration__person__language")
        .annotate(n=Sum("registration__seats"))
        .order_by()
    )
    series = [(code, label) for code, label in visitor_languages() if not lang or code == lang]
    return Chart(
        "visitors",
        _("Visitors checked in"),
        _("People checked in at the door, by the language they chose."),
        [period.title, *(label for _k, label in series)],
        _matrix(period, counts, series),
    )


def registrations(period: Period, lang: str = "") -> Chart:
    """Seats asked for, per bucket: with a seat, on the waiting list, unconfirmed, cancelled."""
    S = Registration.Status
    groups = {S.CONFIRMED: "seat", S.OFFERED: "seat", S.ATTENDED: "seat"}
    qs = Registration.objects.filter(_in(period, "created_at"))
    if lang:
        qs = qs.filter(person__language=lang)
    counts = (
        qs.annotate(bucket=period.trunc("created_at"))
        .values_list("bucket", "status")
        .annotate(n=Sum("seats"))
        .order_by()
    )
    series = [
        ("seat", _("With a seat")),
        (S.WAITING, _("On the waiting list")),
        (S.PENDING, str(S.PENDING.label)),
        (S.CANCELLED, str(S.CANCELLED.label)),
    ]
    counts = [(bucket, groups.get(status, status), n) for bucket, status, n in counts]
    return Chart(
        "registrations",
        _("Registrations and waiting-list demand"),
        _("Seats asked for in registrations made in each period, by what became of them."),
        [period.title, *(label for _k, label in series)],
        _matrix(period, counts, series),
    )


def occupancy(period: Period, lang: str = "") -> Chart:
    """Seats taken of seats offered in each space's sessions over the whole period."""
    return Chart(
        "occupancy",
        _("Occupancy per space"),
        _("Sessions, hours, seats offered and seats taken in each space over the whole period."),
        [_("Space"), _("Sessions"), _("Hours"), _("Seats"), _("Seats taken"), _("Occupancy (%)")],
        occupancy_by_space(period.start, period.end),
        plot=[5],
        unit="%",
    )


def loans(period: Period, lang: str = "") -> Chart:
    """Library loans per bucket, by category of reader (anonymized loans keep theirs)."""
    qs = Loan.objects.filter(_in(period, "checked_out_at"))
    if lang:
        qs = qs.filter(patron__person__language=lang)
    counts = (
        qs.annotate(bucket=period.trunc("checked_out_at"))
        .values_list("bucket", "patron_category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series = [(value, str(label)) for value, label in Patron.Category.choices]
    return Chart(
        "loans",
        _("Loans"),
        _("Copies lent in each period, by category of reader."),
        [period.title, *(label for _k, label in series)],
        _matrix(period, counts, series),
    )


def new_readers(period: Period, lang: str = "") -> Chart:
    """Library cards issued per bucket, by language of the reader."""
    qs = Patron.objects.filter(_in(period, "created_at"))
    if lang:
        qs = qs.filter(person__language=lang)
    counts = (
        qs.annotate(bucket=period.trunc("created_at"))
        .values_list("bucket", "person__language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series = [(code, label) for code, label in visitor_languages() if not lang or code == lang]
    return Chart(
        "readers",
        _("New readers"),
        _("Library cards issued in each period, by the reader's language."),
        [period.title, *(label for _k, label in series)],
        _matrix(period, counts, series),
    )


def collection(period: Period, lang: str = "") -> Chart:
    """The collection today: artifacts on view, in storage and on loan to other institutions."""
    S = Artifact.Status
    shown = [S.ON_VIEW, S.IN_STORAGE, S.ON_LOAN_OUT]
    counts = dict(
        Artifact.objects.filter(status__in=shown).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return Chart(
        "collection",
        _("Collection on view and on loan"),
        _("Artifacts in each place today (not per period)."),
        [_("Status"), _("Artifacts")],
        [[str(status.label), counts.get(status, 0)] for status in shown],
    )


@dataclass(frozen=True)
class Figure:
    read: Callable[[Period, str], Chart]
    perm: str


# In the order the dashboard shows them; each needs one permission, so every role sees its part.
FIGURES: dict[str, Figure] = {
    "visitors": Figure(visitors, "programs.view_reports"),
    "registrations": Figure(registrations, "programs.view_reports"),
    "occupancy": Figure(occupancy, "programs.view_reports"),
    "loans": Figure(loans, "library.view_reports"),
    "readers": Figure(new_readers, "library.view_reports"),
    "collection": Figure(collection, "collection.view_artifact"),
}


def figures_for(user) -> list[str]:
    return [slug for slug, figure in FIGURES.items() if user.has_perm(figure.perm)]


def charts(user, period: Period, lang: str = "") -> list[Chart]:
    """The charts this user may see (none for a role without reports)."""
    return [FIGURES[slug].read(period, lang) for slug in figures_for(user)]

"""Reads of the director's dashboard: one aggregate query per chart, bucketed in SQL.

The dashboard crosses modules (programs, spaces, library, collection, newsletter, exchange), so
its reads live in
`site`, which may import every domain app; a domain app never imports it. Each chart is a
`Chart`: a table (first column the category, then one column per series) and which columns are
drawn. Every label is in the reader's language: statuses and categories through their model
choices, languages through CLDR, spaces by their translated name, never a code or a slug.
Counts of people are seats (a guardian with two children is three visitors). Young members of
the exchange are only ever counted, in bands of age, never listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from shanyraq.collection.models import Artifact
from shanyraq.core import languages, when
from shanyraq.exchange.models import Application, Call, Member, Tandem
from shanyraq.library.models import Loan, Patron
from shanyraq.newsletter.models import ConsentRecord, Delivery, Mailing, Subscriber
from shanyraq.people.models import ADULT_AGE
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


def _series(lang: str) -> list[tuple[str, str]]:
    """The language columns of a chart: every visitor language, or only the one asked for."""
    return [(code, label) for code, label in visitor_languages() if not lang or code == lang]


def _per_language(period: Period, qs, *, at: str, language: str, lang: str, measure=None):
    """(series, rows): `measure` (default: a count) of `qs` per bucket of `at` and per value of
    the `language` path, restricted to `lang` when one is asked for."""
    if lang:
        qs = qs.filter(**{language: lang})
    counts = (
        qs.annotate(bucket=period.trunc(at))
        .values_list("bucket", language)
        .annotate(n=measure if measure is not None else Count("pk"))
        .order_by()
    )
    series = _series(lang)
    return series, _matrix(period, counts, series)


def visitors(period: Period, lang: str = "") -> Chart:
    """Visitors checked in at the door, per bucket and language of the visitor."""
    qs = Attendance.objects.filter(
        _in(period, "checked_in_at"), status=Attendance.Status.PRESENT, checked_in_at__isnull=False
    )
    series, rows = _per_language(
        period,
        qs,
        at="checked_in_at",
        language="registration__person__language",
        lang=lang,
        measure=Sum("registration__seats"),
    )
    return Chart(
        "visitors",
        _("Visitors checked in"),
        _("People checked in at the door, by the language they chose."),
        [period.title, *(label for _k, label in series)],
        rows,
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
    series, rows = _per_language(period, qs, at="created_at", language="person__language", lang=lang)
    return Chart(
        "readers",
        _("New readers"),
        _("Library cards issued in each period, by the reader's language."),
        [period.title, *(label for _k, label in series)],
        rows,
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


def _cumulative(rows: list[list], start: dict[str, int], keys: list[str]) -> list[list]:
    """Running totals down the buckets, from the counts `start` held before the first one."""
    running = [start.get(k, 0) for k in keys]
    out = []
    for label, *counts in rows:
        running = [r + c for r, c in zip(running, counts, strict=True)]
        out.append([label, *running])
    return out


def newsletter_subscribers(period: Period, lang: str = "") -> Chart:
    """Confirmed subscribers at the end of each bucket, by the language they read. Counted from
    today's confirmed subscribers and the day each confirmed: a reader who left since is in the
    unsubscribes chart, not here."""
    qs = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, confirmed_at__isnull=False, confirmed_at__lt=period.end
    )
    if lang:
        qs = qs.filter(language=lang)
    before = dict(
        qs.filter(confirmed_at__lt=period.start).values_list("language").annotate(n=Count("pk")).order_by()
    )
    counts = (
        qs.filter(confirmed_at__gte=period.start)
        .annotate(bucket=period.trunc("confirmed_at"))
        .values_list("bucket", "language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series = _series(lang)
    keys = [key for key, _label in series]
    return Chart(
        "subscribers",
        _("Newsletter subscribers"),
        _("Confirmed subscribers at the end of each period, by the language they read."),
        [period.title, *(label for _k, label in series)],
        _cumulative(_matrix(period, counts, series), before, keys),
    )


def newsletter_mailings(period: Period, lang: str = "") -> Chart:
    """Mailings finished per bucket, and the messages delivered, by the reader's language."""
    deliveries = Delivery.objects.filter(_in(period, "sent_at"), status=Delivery.Status.SENT)
    series, rows = _per_language(period, deliveries, at="sent_at", language="language", lang=lang)
    sent = Mailing.objects.filter(_in(period, "finished_at"), status=Mailing.Status.SENT)
    finished = sent.annotate(bucket=period.trunc("finished_at")).values_list("bucket").annotate(n=Count("pk"))
    mailings = _matrix(period, [(bucket, "sent", n) for bucket, n in finished.order_by()], [("sent", "")])
    return Chart(
        "mailings",
        _("Newsletter mailings sent"),
        _("Mailings finished in each period, and the messages delivered, by the reader's language."),
        [period.title, _("Mailings"), *(label for _k, label in series)],
        [[row[0], m[1], *row[1:]] for row, m in zip(rows, mailings, strict=True)],
        plot=list(range(2, 2 + len(series))),
    )


def newsletter_unsubscribes(period: Period, lang: str = "") -> Chart:
    """Readers who unsubscribed per bucket (their consent records), by language."""
    qs = ConsentRecord.objects.filter(_in(period, "at"), action=ConsentRecord.Action.WITHDRAWN)
    series, rows = _per_language(period, qs, at="at", language="language", lang=lang)
    return Chart(
        "unsubscribes",
        _("Newsletter unsubscribes"),
        _("Readers who unsubscribed in each period, by the language they read."),
        [period.title, *(label for _k, label in series)],
        rows,
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    """The last birth date of someone `years` old on `day` (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_bands() -> list[tuple[str, str, Q]]:
    """(key, label, filter on the member's birth date) of each band of age today."""
    today = timezone.localdate()
    born = "person__birth_date"
    at = {n: _years_before(today, n) for n in (14, ADULT_AGE, 26)}
    return [
        ("u14", _("Under 14"), Q(**{f"{born}__gt": at[14]})),
        ("minor", _("14 to 17"), Q(**{f"{born}__gt": at[ADULT_AGE], f"{born}__lte": at[14]})),
        ("young", _("18 to 25"), Q(**{f"{born}__gt": at[26], f"{born}__lte": at[ADULT_AGE]})),
        ("adult", _("26 and older"), Q(**{f"{born}__lte": at[26]})),
        ("unknown", _("Age not given"), Q(**{f"{born}__isnull": True})),
    ]


def country_label(code: str) -> str:
    """A country (ISO 3166 code) named by CLDR in the reader's language."""
    return when.locale().territories.get((code or "").upper()) or code or UNKNOWN


def exchange_members(period: Period, lang: str = "") -> Chart:
    """Active members today by country and band of age: counts only (one query), so no young
    member is ever listed, and no birth date leaves the database."""
    qs = Member.objects.filter(status=Member.Status.ACTIVE)
    if lang:
        qs = qs.filter(person__language=lang)
    bands = age_bands()
    counts = qs.values("country").annotate(**{key: Count("pk", filter=q) for key, _l, q in bands}).order_by()
    rows = [[country_label(c["country"]), *(c[key] for key, _l, _q in bands)] for c in counts]
    rows.sort(key=lambda row: (-sum(row[1:]), row[0]))
    return Chart(
        "members",
        _("Youth exchange members"),
        _("Active members today (not per period) by country and age; young members are only counted."),
        [pgettext("dashboard", "Country"), *(label for _k, label, _q in bands)],
        rows,
    )


def exchange_tandems(period: Period, lang: str = "") -> Chart:
    """Tandems active at the end of each bucket (or now, for the current one): accepted before
    then and not ended by then; with a minor or between adults."""
    now = timezone.now()
    qs = Tandem.objects.filter(
        status__in=[Tandem.Status.ACTIVE, Tandem.Status.ENDED], decided_at__isnull=False
    )
    if lang:
        qs = qs.filter(Q(first__person__language=lang) | Q(second__person__language=lang))
    series = [("minor", _("With a young member")), ("adults", _("Between adults"))]
    filters = {}
    for i, end in enumerate(period.ends):
        moment = min(end, now)
        active = Q(decided_at__lt=moment) & (Q(ended_at__isnull=True) | Q(ended_at__gte=moment))
        filters[f"minor{i}"] = Count("pk", filter=active & Q(involves_minor=True), distinct=True)
        filters[f"adults{i}"] = Count("pk", filter=active & Q(involves_minor=False), distinct=True)
    totals = qs.aggregate(**filters)
    rows = [
        [period.label(day), totals[f"minor{i}"], totals[f"adults{i}"]] for i, day in enumerate(period.buckets)
    ]
    return Chart(
        "tandems",
        _("Active tandems"),
        _("Tandems under way at the end of each period (today for the current one)."),
        [period.title, *(label for _k, label in series)],
        rows,
    )


def exchange_applications(period: Period, lang: str = "") -> Chart:
    """Applications to each call whose deadline falls in the period or later, by status."""
    S = Application.Status
    shown = [S.SUBMITTED, S.ACCEPTED, S.WAITING, S.DECLINED, S.WITHDRAWN]
    calls = list(
        Call.objects.filter(deadline__gte=period.start, created_at__lt=period.end).order_by("deadline", "pk")
    )
    apps = Application.objects.filter(call__in=calls, status__in=shown)
    if lang:
        apps = apps.filter(member__person__language=lang)
    counts: dict[tuple[int, str], int] = {
        (call_id, status): n
        for call_id, status, n in apps.values_list("call_id", "status").annotate(n=Count("pk")).order_by()
    }
    return Chart(
        "applications",
        _("Applications per call"),
        _("Applications to each call with a deadline in the period or later, by status."),
        [pgettext("exchange", "Call"), *(str(status.label) for status in shown)],
        [
            [languages.translated(call, "title")[0], *(counts.get((call.pk, status), 0) for status in shown)]
            for call in calls
        ],
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
    "subscribers": Figure(newsletter_subscribers, "newsletter.view_subscriber"),
    "mailings": Figure(newsletter_mailings, "newsletter.view_mailing"),
    "unsubscribes": Figure(newsletter_unsubscribes, "newsletter.view_subscriber"),
    "members": Figure(exchange_members, "exchange.view_member"),
    "tandems": Figure(exchange_tandems, "exchange.view_tandem"),
    "applications": Figure(exchange_applications, "exchange.view_application"),
}


def figures_for(user) -> list[str]:
    return [slug for slug, figure in FIGURES.items() if user.has_perm(figure.perm)]


def charts(user, period: Period, lang: str = "") -> list[Chart]:
    """The charts this user may see (none for a role without reports)."""
    return [FIGURES[slug].read(period, lang) for slug in figures_for(user)]

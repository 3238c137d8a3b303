"""Reads of the exchange, with the safeguarding rules applied here: a selector never hands an
adult a minor (or a minor an adult), never lists a member outside the exchange, and shows a
partner only what that partner chose to share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.exchange import conf
from shanyraq.exchange.models import Block, MatchKey, Member, MemberLanguage, Message, Post, Tandem
from shanyraq.exchange.vocab import INTERESTS, language_name

ADULT = 18


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def member_for_user(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Member.objects.select_related("person", "person__guardian")
        .filter(person__user=user, status=Member.Status.ACTIVE)
        .first()
    )


def is_minor(member: Member, today: dt.date | None = None) -> bool:
    return member.person.is_minor_on(today or timezone.localdate())


def may_meet(a: Member, b: Member, today: dt.date | None = None) -> bool:
    """The safeguarding rule: adults with adults; a minor only with a minor at most
    EXCHANGE_MINOR_AGE_BAND years apart (by birth date)."""
    today = today or timezone.localdate()
    minor_a, minor_b = is_minor(a, today), is_minor(b, today)
    if minor_a != minor_b:
        return False
    if not minor_a:
        return True
    band = conf.get("EXCHANGE_MINOR_AGE_BAND")
    low, high = sorted([a.person.birth_date, b.person.birth_date])
    return years_before(high, band) <= low


@dataclass
class Suggestion:
    member_id: int
    score: int
    key: str  # the partner's "speaks>learns"
    reasons: list[str] = field(default_factory=list)
    member: Member | None = None


def _level_points(level: int) -> int:
    return {7: 10, 6: 10, 5: 8, 4: 5}.get(level, 2)


def _age(birth: dt.date, today: dt.date) -> int:
    years = today.year - birth.year
    return years - ((today.month, today.day) < (birth.month, birth.day))


_COLS = (
    "member_id, key, birth_date, city, country, speak_level, learn_level, interests, availability, meeting"
)


def _candidate_rows(key: str, city: str, birth: dt.date, low: dt.date, high: dt.date, n: int) -> list[tuple]:
    """The nearest-in-age holders of `key`, in the member's city and anywhere: four indexed range
    scans (exchange_matchkey_city / exchange_matchkey_age), each at most n rows, in ONE statement
    (the ORM spent more time building four queries than the database spent running them)."""
    table = MatchKey._meta.db_table
    scans = []
    params: list = []
    for where, where_params in (("key = %s AND city = %s", [key, city]), ("key = %s", [key])):
        scans.append(
            f"SELECT * FROM (SELECT {_COLS} FROM {table} WHERE {where} AND birth_date >= %s AND birth_date <= %s "
            f"ORDER BY birth_date LIMIT %s) AS up{len(scans)}"
        )
        params += [*where_params, birth, high, n]
        scans.append(
            f"SELECT * FROM (SELECT {_COLS} FROM {table} WHERE {where} AND birth_date < %s AND birth_date >= %s "
            f"ORDER BY birth_date DESC LIMIT %s) AS down{len(scans)}"
        )
        params += [*where_params, birth, low, n]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(scans), params)
        rows = cursor.fetchall()
    if rows and isinstance(rows[0][2], str):  # SQLite returns dates as text
        rows = [(*r[:2], dt.date.fromisoformat(r[2]), *r[3:]) for r in rows]
    return rows


def suggestions(
    member: Member, *, limit: int = 20, today: dt.date | None = None, load: bool = True
) -> list[Suggestion]:
    """Ranked partners for `member`, each with the reasons shown to the member.

    Selective by design: only MatchKey rows whose key is the mirror of one of the member's own
    pairs, inside the member's age segment (adults, or minors within the band), are read, and
    at most EXCHANGE_CANDIDATES_PER_KEY per scan; scoring is in Python over those few rows."""
    today = today or timezone.localdate()
    person = member.person
    birth = person.birth_date
    if birth is None or member.status != Member.Status.ACTIVE:
        return []
    minor = person.is_minor_on(today)
    adult_line = years_before(today, ADULT)  # born on or before: adult today
    if minor:
        band = conf.get("EXCHANGE_MINOR_AGE_BAND")
        low = max(years_before(birth, band), adult_line + dt.timedelta(days=1))
        high = years_before(birth, -band)
    else:
        low = years_before(today, conf.get("EXCHANGE_MAX_AGE") + 1) + dt.timedelta(days=1)
        high = adult_line
    mine = list(MatchKey.objects.filter(member=member))
    if not mine:
        return []
    own = mine[0]
    excluded = {member.pk}
    for pair in Block.objects.filter(Q(blocker=member) | Q(blocked=member)).values_list(
        "blocker_id", "blocked_id"
    ):
        excluded.update(pair)
    for first, second in Tandem.objects.filter(
        Q(first=member) | Q(second=member), status__in=Tandem.OPEN
    ).values_list("first_id", "second_id"):
        excluded |= {first, second}
    n = conf.get("EXCHANGE_CANDIDATES_PER_KEY")
    # Score on integers first; the reasons (translated text) are written for the winners only.
    best: dict[int, tuple[int, tuple]] = {}
    for mk in mine:
        speaks, learns = mk.key.split(">")
        mirror = f"{learns}>{speaks}"
        for row in _candidate_rows(mirror, own.city, birth, low, high, n):
            mid, _key, pbirth, pcity, pcountry, pspeak, plearn, pint, pavail, pmeet = row
            if mid in excluded or not own.meeting & pmeet:
                continue
            if minor and not (own.meeting & pmeet & 1):
                continue  # minors meet only at the center
            score = 40 + _level_points(pspeak)
            balanced = abs(plearn - mk.learn_level) <= 1
            shared = pint & own.interests
            overlap = (pavail & own.availability).bit_count()
            gap = abs(_age(pbirth, today) - _age(birth, today))
            score += (
                5 * balanced + 4 * min(shared.bit_count(), 4) + (2 * min(overlap, 10) if overlap else -10)
            )
            score += 10 if pcity == own.city else (3 if pcountry == own.country else 0)
            score += max(0, 10 - 2 * gap)
            if mid not in best or best[mid][0] < score:
                best[mid] = (score, (mk, row, balanced, shared, overlap, gap))
    top = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    ranked = [
        Suggestion(member_id=mid, score=score, key=detail[1][1], reasons=_reasons(own, *detail))
        for mid, (score, detail) in top
    ]
    if load and ranked:
        members = {
            m.pk: m
            for m in Member.objects.select_related("person")
            .prefetch_related(Prefetch("languages", queryset=MemberLanguage.objects.order_by("pk")))
            .filter(pk__in=[s.member_id for s in ranked])
        }
        for s in ranked:
            s.member = members.get(s.member_id)
        ranked = [s for s in ranked if s.member is not None and may_meet(member, s.member, today)]
    return ranked


def _reasons(
    own: MatchKey, mk: MatchKey, row: tuple, balanced: bool, shared: int, overlap: int, gap: int
) -> list[str]:
    """Why this partner is suggested, in the reader's language."""
    speaks, learns = mk.key.split(">")
    reader = _lang()
    reasons = [
        _("Speaks %(language)s (%(level)s) and learns %(yours)s")
        % {
            "language": language_name(learns, reader),
            "level": _level_label(row[5]),
            "yours": language_name(speaks, reader),
        }
    ]
    if balanced:
        reasons.append(_("Learning at about your level"))
    if shared:
        names = [str(label) for i, (_c, label) in enumerate(INTERESTS) if shared >> i & 1]
        reasons.append(_("Shared interests: %(list)s") % {"list": ", ".join(names[:4])})
    if overlap:
        reasons.append(_("Free at the same times"))
    if row[3] == own.city:
        reasons.append(_("Lives in your city"))
    if gap <= 2:
        reasons.append(_("Close to your age"))
    return reasons


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "en"


def _level_label(level: int) -> str:
    from shanyraq.exchange.vocab import LEVELS

    return str(dict(LEVELS)[level])


def partner_card(member: Member, *, viewer: Member, today: dt.date | None = None) -> dict:
    """What `viewer` may see of `member`: the first name and the languages always, the rest only
    as `member` chose (Member.shares). Raises PermissionError for a pair that may not meet."""
    today = today or timezone.localdate()
    if not may_meet(viewer, member, today):
        raise PermissionError("safeguarding: these members may not see each other")
    shares = set(member.shares)
    person = member.person
    card = {
        "name": person.name if "full_name" in shares else member.display_name,
        "languages": [
            {
                "language": language_name(lang.language, _lang()),
                "direction": lang.get_direction_display(),
                "level": lang.get_level_display(),
            }
            for lang in member.languages.all()
        ],
    }
    if "age" in shares:
        card["age"] = person.age_on(today)
    if "city" in shares:
        card["city"] = member.city
    if "school" in shares and member.school:
        card["school"] = member.school
    if "interests" in shares:
        card["interests"] = [str(label) for code, label in INTERESTS if code in member.interests]
    if "availability" in shares:
        card["availability"] = member.availability
    return card


def tandems_of(member: Member) -> QuerySet[Tandem]:
    return (
        Tandem.objects.filter(Q(first=member) | Q(second=member))
        .select_related("first__person", "second__person")
        .order_by("-created_at", "-pk")
    )


def tandem_for(member: Member, pk: int) -> Tandem | None:
    return tandems_of(member).filter(pk=pk).first()


def messages_of(tandem: Tandem) -> QuerySet[Message]:
    return tandem.messages.filter(hidden=False).select_related("sender")


def minors_tandems() -> QuerySet[Tandem]:
    """For the safeguarding officer: every tandem with a minor in it."""
    return (
        Tandem.objects.filter(involves_minor=True).select_related("first", "second").order_by("-created_at")
    )


def tandems_for_safeguarding() -> QuerySet[Tandem]:
    """What the safeguarding officer may open: every tandem with a minor, and any tandem in which
    a message was reported (adults' other conversations stay private)."""
    return Tandem.objects.filter(Q(involves_minor=True) | Q(messages__reports__isnull=False)).distinct()


def reported_messages() -> QuerySet[Message]:
    return (
        Message.objects.filter(reports__resolved_at__isnull=True, hidden=False)
        .distinct()
        .select_related("sender", "tandem")
        .order_by("sent_at")
    )


def posts_public() -> QuerySet[Post]:
    return Post.objects.filter(status=Post.Status.PUBLISHED).select_related("member__person")


def posts_for_moderation() -> QuerySet[Post]:
    return (
        Post.objects.filter(status=Post.Status.PENDING)
        .select_related("member__person")
        .order_by("created_at")
    )


def posts_reported() -> QuerySet[Post]:
    return (
        Post.objects.filter(reports__resolved_at__isnull=True)
        .exclude(status=Post.Status.HIDDEN)
        .distinct()
        .select_related("member__person")
    )


@dataclass
class CallReport:
    """The figures of one call for its coordinator: applications by status, the reviewers' average
    score per criterion, and the applications by country and by the applicant's language."""

    total: int
    by_status: list[tuple[str, int]]
    criteria: list[tuple[str, int, float | None, int]]  # name, top score, average, reviews
    by_country: list[tuple[str, int]]
    by_language: list[tuple[str, int]]

    def rows(self) -> list[list]:
        """One table for the CSV/XLSX download: (what, which, how many or average)."""
        rows: list[list] = [[_("Applications"), "", self.total]]
        rows += [[_("Status"), label, n] for label, n in self.by_status]
        rows += [
            [_("Average score"), f"{name} (/{top})", "" if avg is None else avg]
            for name, top, avg, _n in self.criteria
        ]
        rows += [[_("Country"), name, n] for name, n in self.by_country]
        rows += [[_("Language"), name, n] for name, n in self.by_language]
        return rows


def call_report(call) -> CallReport:
    """Drafts count among the applications by status only: a draft is not yet an application."""
    from collections import Counter

    from django.utils.translation import to_locale

    from shanyraq.exchange.models import Application, Review
    from shanyraq.exchange.vocab import territory_name

    reader = _lang()
    apps = list(call.applications.select_related("member__person"))
    statuses = Counter(a.status for a in apps)
    by_status = [(str(label), statuses[code]) for code, label in Application.Status.choices]
    sent = [a for a in apps if a.status != Application.Status.DRAFT]
    countries = Counter(a.member.country for a in sent)
    languages = Counter(a.member.person.language for a in sent)
    reviews = list(Review.objects.filter(application__call=call).values_list("scores", flat=True))
    criteria = []
    for c in call.criteria:
        values = [s[c["code"]] for s in reviews if c["code"] in s]
        average = round(sum(values) / len(values), 2) if values else None
        criteria.append((criterion_label(c), c["max"], average, len(values)))
    return CallReport(
        total=len(apps),
        by_status=by_status,
        criteria=criteria,
        by_country=sorted(
            ((territory_name(k, reader), n) for k, n in countries.items()), key=lambda r: -r[1]
        ),
        by_language=sorted(
            ((language_name(to_locale(k), reader), n) for k, n in languages.items()), key=lambda r: -r[1]
        ),
    )


def criterion_label(criterion: dict) -> str:
    """A criterion's name in the reader's language, else in another language, else its code."""
    from django.conf import settings

    labels = criterion.get("label") or {}
    # In the order of settings.LANGUAGES: a JSON column (PostgreSQL's jsonb) may reorder the keys.
    others = (labels.get(code) for code, _name in settings.LANGUAGES)
    return labels.get(_lang()) or next((text for text in others if text), criterion["code"])

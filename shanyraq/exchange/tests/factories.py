"""Members made the way the join service makes them, without the e-mail round trip."""

from __future__ import annotations

import datetime as dt
import itertools

from shanyraq.exchange.models import Member
from shanyraq.exchange.services.members import member_create
from shanyraq.people.models import Person
from shanyraq.people.services import person_create

_seq = itertools.count(1)


def member_make(
    *,
    name: str = "",
    born: dt.date = dt.date(2002, 5, 1),
    speaks: dict[str, int] | None = None,
    learns: dict[str, int] | None = None,
    city: str = "Almaty",
    country: str = "KZ",
    interests: list[str] | None = None,
    availability: list[dict] | None = None,
    meeting: str = "both",
    shares: list[str] | None = None,
    language: str = "en",
    guardian: Person | None = None,
    user=None,
) -> Member:
    n = next(_seq)
    name = name or f"Member {n}"
    if user is None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(username=f"m{n}", password="pw-for-tests")
    person = person_create(
        name=name,
        email=f"member{n}@example.org",
        language=language,
        birth_date=born,
        guardian=guardian,
        guardian_consent=guardian is not None,
        user=user,
    )
    langs = [{"language": c, "direction": "speaks", "level": v} for c, v in (speaks or {"kk": 7}).items()]
    langs += [{"language": c, "direction": "learns", "level": v} for c, v in (learns or {"zh": 2}).items()]
    profile = {
        "city": city,
        "country": country,
        "interests": interests or [],
        "availability": availability
        if availability is not None
        else [{"day": 5, "start": "10:00", "end": "14:00"}],
        "meeting": meeting,
        "shares": shares if shares is not None else list(Member.SHARE_DEFAULT),
        "languages": langs,
    }
    member = member_create(person=person, display_name=name.split(" ")[0], profile=profile)
    return member


def guardian_make(name: str = "Guardian") -> Person:
    return person_create(name=name, email=f"guardian{next(_seq)}@example.org", language="kk")


def matrix_world() -> dict:
    """The exchange's objects for the role x URL matrix: a minors' tandem with a message, a post."""
    from shanyraq.exchange.models import Message, Post, Tandem

    a = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2011, 1, 1), guardian=guardian_make())
    b = member_make(speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2010, 6, 1), guardian=guardian_make())
    low, high = sorted([a.pk, b.pk])
    tandem = Tandem.objects.create(
        first=a,
        second=b,
        first_teaches="zh",
        second_teaches="kk",
        status="active",
        involves_minor=True,
        low=low,
        high=high,
    )
    message = Message.objects.create(tandem=tandem, sender=a, body="hello")
    post = Post.objects.create(member=a, title_en="A post")
    from django.utils import timezone

    from shanyraq.exchange.models import Application, Call

    call = Call.objects.create(
        title_en="Camp", status="published", deadline=timezone.now() + dt.timedelta(days=5), places=2,
        criteria=[{"code": "motivation", "max": 10}],
    )  # fmt: skip
    application = Application.objects.create(call=call, member=a, status="submitted")
    return {"tandem": tandem, "message": message, "post": post, "call": call, "application": application}

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from shanyraq.people.models import Person
from shanyraq.programs.models import Program
from shanyraq.spaces.models import Space


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"room-{n}")
    kind = Space.Kind.CLASSROOM
    name_en = factory.Sequence(lambda n: f"Room {n}")
    capacity = 20


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "en"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    kind = Program.Kind.WORKSHOP
    title_en = factory.Sequence(lambda n: f"Workshop {n}")
    title_zh_hans = factory.Sequence(lambda n: f"工作坊 {n}")
    title_kk = factory.Sequence(lambda n: f"Шеберхана {n}")
    title_ru = factory.Sequence(lambda n: f"Мастерская {n}")
    description_en = "Make felt."
    is_published = True


def at(days: int = 3, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A local time `days` from today (Asia/Shanghai in tests)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def make_session(program=None, space=None, days=3, hour=10, capacity=None, hours=2):
    from shanyraq.programs.services.sessions import session_create

    program = program or ProgramFactory()
    space = space or SpaceFactory()
    start = at(days, hour)
    return session_create(
        program=program, space=space, start=start, end=start + dt.timedelta(hours=hours), capacity=capacity
    )


def make_session_now(program=None, space=None):
    """A session running right now (started a minute ago, never before today's midnight)."""
    from shanyraq.programs.services.sessions import session_create

    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(midnight, now - dt.timedelta(minutes=1))
    return session_create(
        program=program or ProgramFactory(),
        space=space or SpaceFactory(),
        start=start,
        end=start + dt.timedelta(minutes=30),
    )

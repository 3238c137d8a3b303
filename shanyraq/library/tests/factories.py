"""Factories for library tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from shanyraq.library.models import Copy, Patron, Record
from shanyraq.people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Reader {n}")
    language = "en"
    email = factory.Sequence(lambda n: f"reader{n}@example.org")


class PatronFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patron

    person = factory.SubFactory(PersonFactory)
    barcode = factory.Sequence(lambda n: f"P{n:06d}")
    category = Patron.Category.ADULT
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Record

    title = factory.Sequence(lambda n: f"Book {n}")
    language = "eng"


class CopyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Copy

    record = factory.SubFactory(RecordFactory)
    barcode = factory.Sequence(lambda n: f"C{n:06d}")

from __future__ import annotations

import factory

from shanyraq.collection.models import Artifact, Term
from shanyraq.spaces.models import Space


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"hall-{n}")
    kind = Space.Kind.HALL
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    is_public = True


class StorageFactory(SpaceFactory):
    slug = "storage"
    kind = Space.Kind.STORAGE
    is_public = False


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("vocabulary", "slug")

    vocabulary = Term.Vocabulary.CATEGORY
    slug = factory.Sequence(lambda n: f"term-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug)


class ArtifactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artifact

    accession_number = factory.Sequence(lambda n: f"TEST.{n:05d}")
    title_en = factory.Sequence(lambda n: f"Artifact {n}")
    published = True
    status = Artifact.Status.IN_STORAGE

"""Subscribers in any state, made directly (the sign-up flow has its own tests)."""

from __future__ import annotations

import factory
from django.utils import timezone

from shanyraq.newsletter.models import Subscriber, Topic


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n:05d}@example.org")
    language = "en"
    topics = factory.LazyFunction(lambda: list(Topic.values))
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

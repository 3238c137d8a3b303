"""Reads for the staff pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from shanyraq.newsletter.models import Delivery, Mailing, Subscriber


def subscriber_counts() -> dict[str, int]:
    counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {value: counts.get(value, 0) for value in Subscriber.Status.values}


def subscribers_find(query: str) -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(email__icontains=query).prefetch_related("consents")[:50]


def readers_in(mailing: Mailing, language: str) -> int:
    from shanyraq.newsletter.services.sending import recipients

    return recipients(mailing).filter(language=language).count()


def failed_deliveries(mailing: Mailing) -> QuerySet[Delivery]:
    return Delivery.objects.filter(mailing=mailing, status=Delivery.Status.FAILED).order_by("pk")

"""Reading the outbox: the staff page, the demo viewer, and the figures /health reports."""

from __future__ import annotations

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from shanyraq.mail.models import OutboxMessage

Status = OutboxMessage.Status


def outbox_messages(status: str | None = None) -> QuerySet[OutboxMessage]:
    qs = OutboxMessage.objects.defer("body", "html", "attachments", "headers")
    if status in Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def outbox_counts() -> dict[str, int]:
    """{"pending": n, "sending": n, "sent": n, "failed": n, "oldest_pending_seconds": s}."""
    rows = dict(
        OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    counts = {status: rows.get(status, 0) for status in Status.values}
    oldest = OutboxMessage.objects.filter(status__in=[Status.PENDING, Status.SENDING]).aggregate(
        at=Min("created_at")
    )["at"]
    counts["oldest_pending_seconds"] = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return counts


def demo_mailbox(limit: int = 200) -> QuerySet[OutboxMessage]:
    """What the demo 'sent', newest first, with the text (demo mode only: see views.mail_viewer)."""
    return OutboxMessage.objects.exclude(status=Status.FAILED).order_by("-created_at", "-pk")[:limit]

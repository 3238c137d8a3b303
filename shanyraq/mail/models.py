"""The outbox: every e-mail we send is first a row here, written in the same transaction as the
change it reports, and sent afterwards by the worker, outside any transaction (docs/decisions/010-mail-outbox.md)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("e-mail status", "Pending")
        SENDING = "sending", pgettext_lazy("e-mail status", "Sending")
        SENT = "sent", pgettext_lazy("e-mail status", "Sent")
        FAILED = "failed", pgettext_lazy("e-mail status", "Failed")

    created_at = models.DateTimeField(pgettext_lazy("e-mail", "written at"), default=timezone.now)
    status = models.CharField(
        pgettext_lazy("e-mail", "status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    topic = models.CharField(pgettext_lazy("e-mail", "kind of message"), max_length=80, blank=True)
    related_type = models.CharField(pgettext_lazy("e-mail", "about record type"), max_length=80, blank=True)
    related_id = models.CharField(pgettext_lazy("e-mail", "about record"), max_length=80, blank=True)
    to_email = models.CharField(pgettext_lazy("e-mail", "recipient"), max_length=254)
    from_email = models.CharField(pgettext_lazy("e-mail", "sender"), max_length=254, blank=True)
    language = models.CharField(pgettext_lazy("e-mail", "language"), max_length=10)
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300)
    body = models.TextField(pgettext_lazy("e-mail", "text"))
    html = models.TextField(pgettext_lazy("e-mail", "HTML text"), blank=True)
    headers = models.JSONField(pgettext_lazy("e-mail", "headers"), default=dict, blank=True)
    # [{"filename": ..., "mimetype": ..., "content": base64}] - small files (a ticket, a calendar entry).
    attachments = models.JSONField(pgettext_lazy("e-mail", "attachments"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("e-mail", "attempts"), default=0)
    next_attempt_at = models.DateTimeField(pgettext_lazy("e-mail", "next try"), default=timezone.now)
    claimed_at = models.DateTimeField(pgettext_lazy("e-mail", "claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("e-mail", "sent at"), null=True, blank=True)
    last_error = models.CharField(pgettext_lazy("e-mail", "last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("e-mail", "outgoing e-mail")
        verbose_name_plural = pgettext_lazy("e-mail", "outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sending", "sent", "failed"]),
                name="mail_outbox_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="mail_outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic or 'e-mail'} #{self.pk} ({self.status})"

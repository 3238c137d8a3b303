"""Subscribers, their consent records, the suppression list, mailings and per-recipient deliveries
(docs/decisions/019-newsletter.md)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    EXHIBITIONS = "exhibitions", pgettext_lazy("newsletter topic", "Exhibitions")
    LIBRARY = "library", pgettext_lazy("newsletter topic", "Library")
    COURSES = "courses", pgettext_lazy("newsletter topic", "Courses")
    CHILDREN = "children", pgettext_lazy("newsletter topic", "Children's programs")
    CONCERTS = "concerts", pgettext_lazy("newsletter topic", "Concerts")
    EXCHANGE = "exchange", pgettext_lazy("newsletter topic", "Youth exchange")


def email_hash(email: str) -> str:
    """The suppression list keeps this, not the address: it survives an erasure and names nobody."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("subscriber", "Waiting for confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("subscriber", "Confirmed")
        PAUSED = "paused", pgettext_lazy("subscriber", "Paused")
        UNSUBSCRIBED = "unsubscribed", pgettext_lazy("subscriber", "Unsubscribed")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(pgettext_lazy("newsletter", "language"), max_length=10)
    topics = models.JSONField(pgettext_lazy("newsletter", "topics"), default=list, blank=True)
    status = models.CharField(
        pgettext_lazy("newsletter", "status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    suppressed = models.BooleanField(pgettext_lazy("newsletter", "suppressed"), default=False)
    bounces = models.PositiveSmallIntegerField(pgettext_lazy("newsletter", "hard bounces"), default=0)
    # Bumped by every unsubscribe: links signed before it no longer confirm a new subscription.
    generation = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(pgettext_lazy("newsletter", "signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(pgettext_lazy("newsletter", "confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        pgettext_lazy("newsletter", "confirmation e-mail sent"), null=True, blank=True
    )

    class Meta:
        verbose_name = pgettext_lazy("newsletter", "subscriber")
        verbose_name_plural = pgettext_lazy("newsletter", "subscribers")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "paused", "unsubscribed"]),
                name="newsletter_subscriber_status_valid",
            ),
            # A suppressed address receives nothing: it cannot be confirmed at the same time.
            models.CheckConstraint(
                condition=~models.Q(status="confirmed", suppressed=True),
                name="newsletter_suppressed_not_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["status", "language"], name="newsletter_sub_status_lang")]

    def __str__(self) -> str:
        return self.email


class ConsentRecord(models.Model):
    """What the reader was shown and what they did, when, in which language; no IP address."""

    class Action(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("consent", "Asked to subscribe")
        CONFIRMED = "confirmed", pgettext_lazy("consent", "Confirmed by the link in the e-mail")
        CHANGED = "changed", pgettext_lazy("consent", "Changed preferences")
        PAUSED = "paused", pgettext_lazy("consent", "Paused")
        WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Unsubscribed")
        INVITED = "invited", pgettext_lazy("consent", "Imported: asked to confirm")

    class Source(models.TextChoices):
        FOOTER = "footer", pgettext_lazy("consent source", "Sign-up form on the site")
        API = "api", pgettext_lazy("consent source", "API")
        REGISTRATION = "registration", pgettext_lazy("consent source", "Tick box on a registration form")
        IMPORT = "import", pgettext_lazy("consent source", "Imported list")
        EMAIL_LINK = "email_link", pgettext_lazy("consent source", "Link in an e-mail")
        PREFERENCES = "preferences", pgettext_lazy("consent source", "Preferences page")
        ONE_CLICK = "one_click", pgettext_lazy("consent source", "One-click unsubscribe in the mail program")
        STAFF = "staff", pgettext_lazy("consent source", "Staff")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscriber")
    )
    action = models.CharField(pgettext_lazy("consent", "action"), max_length=20, choices=Action.choices)
    source = models.CharField(pgettext_lazy("consent", "how"), max_length=20, choices=Source.choices)
    text_shown = models.TextField(pgettext_lazy("consent", "text shown"), blank=True)
    language = models.CharField(pgettext_lazy("consent", "language"), max_length=10)
    topics = models.JSONField(pgettext_lazy("consent", "topics"), default=list, blank=True)
    at = models.DateTimeField(pgettext_lazy("consent", "when"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("newsletter", "consent record")
        verbose_name_plural = pgettext_lazy("newsletter", "consent records")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.action} {self.at:%Y-%m-%d}"


class Suppression(models.Model):
    """An address we must not write to (unsubscribed, bounced): keyed by hash, kept after erasure."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", pgettext_lazy("suppression", "Unsubscribed")
        BOUNCED = "bounced", pgettext_lazy("suppression", "Hard bounces")
        STAFF = "staff", pgettext_lazy("suppression", "Added by staff")

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(pgettext_lazy("suppression", "reason"), max_length=20, choices=Reason.choices)
    at = models.DateTimeField(pgettext_lazy("suppression", "since"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("newsletter", "suppressed address")
        verbose_name_plural = pgettext_lazy("newsletter", "suppressed addresses")

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.reason})"


class Mailing(models.Model):
    """One newsletter edition: a subject and a body per language (modeltranslation columns)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("mailing", "Draft")
        SCHEDULED = "scheduled", pgettext_lazy("mailing", "Scheduled")
        SENDING = "sending", pgettext_lazy("mailing", "Sending")
        SENT = "sent", pgettext_lazy("mailing", "Sent")

    class Missing(models.TextChoices):
        FALLBACK = "fallback", pgettext_lazy("mailing", "Send another language's text, marked as such")
        SKIP = "skip", pgettext_lazy("mailing", "Do not send to readers of that language")

    title = models.CharField(pgettext_lazy("mailing", "internal title"), max_length=200)
    subject = models.CharField(pgettext_lazy("mailing", "subject"), max_length=200, blank=True)
    body = models.TextField(
        pgettext_lazy("mailing", "text"),
        blank=True,
        help_text=_(
            "Blank lines separate paragraphs; a line starting with ## is a section heading; "
            "![description](https://…) is an image; links are written out in full."
        ),
    )
    topics = models.JSONField(
        pgettext_lazy("mailing", "for readers of"),
        default=list,
        blank=True,
        help_text=_("Empty: every confirmed subscriber."),
    )
    missing = models.CharField(
        pgettext_lazy("mailing", "when a language has no text"),
        max_length=10,
        choices=Missing.choices,
        default=Missing.FALLBACK,
    )
    is_digest = models.BooleanField(pgettext_lazy("mailing", "what's-on digest"), default=False)
    status = models.CharField(
        pgettext_lazy("mailing", "status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(pgettext_lazy("mailing", "send at"), null=True, blank=True)
    started_at = models.DateTimeField(pgettext_lazy("mailing", "started"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("mailing", "finished"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("newsletter", "mailing")
        verbose_name_plural = pgettext_lazy("newsletter", "mailings")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_mailing", "Can send newsletter mailings")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "scheduled", "sending", "sent"]),
                name="newsletter_mailing_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="scheduled") | models.Q(scheduled_at__isnull=False),
                name="newsletter_scheduled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One mailing to one reader. Claimed by one worker at a time; `handed` is written before the
    end-of-data of the SMTP transaction, so a crash never sends a message twice (decision 019)."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("delivery", "Pending")
        CLAIMED = "claimed", pgettext_lazy("delivery", "Being sent")
        HANDED = "handed", pgettext_lazy("delivery", "Handed to the mail server")
        SENT = "sent", pgettext_lazy("delivery", "Sent")
        FAILED = "failed", pgettext_lazy("delivery", "Failed")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="+")
    email = models.CharField(max_length=254)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    worker = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("newsletter", "delivery")
        verbose_name_plural = pgettext_lazy("newsletter", "deliveries")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "email"], name="newsletter_one_delivery_per_address"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "claimed", "handed", "sent", "failed"]),
                name="newsletter_delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["mailing", "status", "next_attempt_at"], name="newsletter_delivery_due")
        ]

    def __str__(self) -> str:
        return f"{self.mailing_id}:{self.pk} ({self.status})"

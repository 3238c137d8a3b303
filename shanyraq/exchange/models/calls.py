"""Exchange calls: staff publish a call (a summer camp, a delegation, a workshop) with eligibility,
a deadline, places and a form of chosen questions; members apply; a review panel scores blind;
the coordinator decides."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Call(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call", "Draft")
        PUBLISHED = "published", pgettext_lazy("call", "Published")
        CLOSED = "closed", pgettext_lazy("call", "Closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateTimeField(_("deadline"))
    places = models.PositiveIntegerField(_("places"))
    min_age = models.PositiveSmallIntegerField(_("youngest age"), default=14)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), default=30)
    # [{"language": "zh", "level": 3}]: the applicant speaks or learns each at least at that level.
    languages = models.JSONField(_("languages required"), default=list, blank=True)
    # ISO 3166 codes; empty: any country.
    countries = models.JSONField(_("countries"), default=list, blank=True)
    # [{"code": "motivation", "max": 10}]: what reviewers score.
    criteria = models.JSONField(_("criteria"), default=list)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("review panel")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["deadline", "pk"]
        permissions = [
            ("decide_application", _("Can decide on applications")),
            ("review_application", _("Can review applications")),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File (PDF, JPEG or PNG)")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")
        ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")
        WAITING = "waiting", pgettext_lazy("application", "Waiting list")
        DECLINED = "declined", pgettext_lazy("application", "Declined")

    DECISIONS = (Status.ACCEPTED, Status.WAITING, Status.DECLINED)

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    member = models.ForeignKey("exchange.Member", on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [models.UniqueConstraint(fields=["call", "member"], name="exchange_one_application")]

    def __str__(self) -> str:
        return f"application #{self.pk} ({self.status})"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="exchange/applications/%Y/", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="exchange_one_answer")
        ]

    def __str__(self) -> str:
        return f"answer #{self.pk}"


class Conflict(models.Model):
    """A reviewer declared a conflict of interest: they never see or score that application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="exchange_one_conflict")
        ]

    def __str__(self) -> str:
        return f"conflict #{self.pk}"


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="exchange_one_review"),
        ]

    def __str__(self) -> str:
        return f"review #{self.pk}"

    @property
    def total(self) -> int:
        return sum(self.scores.values())

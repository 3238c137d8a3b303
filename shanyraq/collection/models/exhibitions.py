from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.models.artifacts import Artifact
from shanyraq.spaces.models import Space


class Exhibition(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    halls = models.ManyToManyField(Space, verbose_name=_("halls"), related_name="+", blank=True)
    start_date = models.DateField(_("opens"))
    end_date = models.DateField(
        _("closes"), null=True, blank=True, help_text=_("Empty for a permanent exhibition.")
    )
    published = models.BooleanField(_("published"), default=False)
    artifacts = models.ManyToManyField(Artifact, through="ExhibitionArtifact", related_name="exhibitions")

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-start_date", "slug"]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("collection:exhibition", kwargs={"slug": self.slug})

    def is_open_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class ExhibitionArtifact(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="items")
    artifact = models.ForeignKey(Artifact, on_delete=models.PROTECT, related_name="exhibition_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.TextField(_("exhibition label"), blank=True)

    class Meta:
        verbose_name = _("exhibited artifact")
        verbose_name_plural = _("exhibited artifacts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "artifact"], name="collection_exhibition_artifact_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exhibition_id}:{self.artifact_id}"

"""Spaces of the center: exhibition halls, classrooms, creative studios, the library room."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    class Kind(models.TextChoices):
        HALL = "hall", _("Exhibition hall")
        CLASSROOM = "classroom", _("Classroom")
        STUDIO = "studio", _("Creative studio")
        LIBRARY = "library", _("Library room")
        AUDITORIUM = "auditorium", _("Concert and lecture hall")
        STORAGE = "storage", _("Storage")

    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    is_public = models.BooleanField(
        _("shown to visitors"), default=True, help_text=_("Storage rooms and offices are never shown.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", kwargs={"slug": self.slug})

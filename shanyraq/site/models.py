"""Pages of the public site whose text the center writes itself (about, visit, ...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Page(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    title = models.CharField(pgettext_lazy("page", "title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Plain text; blank lines separate paragraphs.")
    )
    in_navigation = models.BooleanField(_("in the menu"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title or self.slug

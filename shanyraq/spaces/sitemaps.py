"""Public halls and rooms for the sitemap (never storage or offices)."""

from __future__ import annotations

from django.urls import reverse

from shanyraq.core.discovery import I18nSitemap, PagesSitemap
from shanyraq.spaces.selectors import spaces_public


class SpacePages(PagesSitemap):
    url_names = ("spaces:list",)


class SpaceSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return list(spaces_public().order_by("slug").values_list("slug", flat=True))

    def location(self, item: str) -> str:
        return reverse("spaces:detail", kwargs={"slug": item})


SITEMAPS = {"spaces": SpacePages, "space": SpaceSitemap}

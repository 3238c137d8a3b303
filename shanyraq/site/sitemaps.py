"""The site's own pages for the sitemap: home, privacy notice and the center's text pages."""

from __future__ import annotations

from django.urls import reverse

from shanyraq.core.discovery import I18nSitemap, PagesSitemap
from shanyraq.site.models import Page


class SitePages(PagesSitemap):
    url_names = ("site:home", "site:privacy")
    priority = 1.0


class PageSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return list(Page.objects.order_by("order", "slug").values_list("slug", flat=True))

    def location(self, item: str) -> str:
        return reverse("site:page", kwargs={"slug": item})


SITEMAPS = {"site": SitePages, "pages": PageSitemap}

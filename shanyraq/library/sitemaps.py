"""The library's public pages for the sitemap: the catalogue and every record shown in it."""

from __future__ import annotations

from django.urls import reverse

from shanyraq.core.discovery import I18nSitemap, PagesSitemap
from shanyraq.library.selectors import records_public


class LibraryPages(PagesSitemap):
    url_names = ("library:opac",)


class RecordSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return list(records_public().order_by("pk").values_list("pk", "updated_at"))

    def location(self, item) -> str:
        return reverse("library:record", kwargs={"pk": item[0]})

    def lastmod(self, item):
        return item[1]


SITEMAPS = {"library": LibraryPages, "records": RecordSitemap}

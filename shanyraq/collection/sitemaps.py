"""The collection's public pages for the sitemap (published artifacts and exhibitions only)."""

from __future__ import annotations

from django.urls import reverse

from shanyraq.collection.selectors import artifacts_public, exhibitions_public
from shanyraq.core.discovery import I18nSitemap, PagesSitemap


class CollectionPages(PagesSitemap):
    url_names = ("collection:index", "collection:exhibitions")


class ArtifactSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        # (accession number, last change): no model instances for a collection of 100,000.
        return list(
            artifacts_public().order_by("accession_number").values_list("accession_number", "updated_at")
        )

    def location(self, item) -> str:
        return reverse("collection:artifact", kwargs={"accession": item[0]})

    def lastmod(self, item):
        return item[1]


class ExhibitionSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return list(exhibitions_public().order_by("-start_date", "slug").values_list("slug", flat=True))

    def location(self, item: str) -> str:
        return reverse("collection:exhibition", kwargs={"slug": item})


SITEMAPS = {"collection": CollectionPages, "artifacts": ArtifactSitemap, "exhibitions": ExhibitionSitemap}

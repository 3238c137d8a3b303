"""Programs for the sitemap: what's on, every published program and its coming sessions."""

from __future__ import annotations

from django.urls import reverse

from shanyraq.core.discovery import I18nSitemap, PagesSitemap
from shanyraq.programs.selectors import programs_public, sessions_public


class ProgramPages(PagesSitemap):
    url_names = ("programs:whats_on", "programs:calendar")


class ProgramSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return list(programs_public().order_by("pk").values_list("pk", flat=True))

    def location(self, item: int) -> str:
        return reverse("programs:detail", kwargs={"pk": item})


class SessionSitemap(I18nSitemap):
    """Coming sessions only: a past session's page has nothing left to offer a searcher."""

    changefreq = "daily"

    def items(self):
        return list(sessions_public().values_list("pk", flat=True))

    def location(self, item: int) -> str:
        return reverse("programs:session", kwargs={"pk": item})


SITEMAPS = {"programs": ProgramPages, "program": ProgramSitemap, "sessions": SessionSitemap}

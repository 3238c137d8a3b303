"""Atom feed of new library acquisitions: the records added to the catalogue last."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shanyraq.core.feeds import FEED_ITEMS, LanguageFeed
from shanyraq.library.selectors import MARC_FIELDS, records_public


class NewBooksFeed(LanguageFeed):
    link_name = "library:opac"

    def title(self) -> str:
        return _("New in the library")

    def subtitle(self) -> str:
        return _("Books and other records added to the library catalogue.")

    def items(self):
        return records_public().defer(*MARC_FIELDS).order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_title(self, record) -> str:
        # Records are not translated: a Kazakh book keeps its Kazakh title (CONVENTIONS).
        return f"{record.title}: {record.subtitle}" if record.subtitle else record.title

    def item_description(self, record) -> str:
        parts = [record.responsibility, record.publisher, str(record.year or "")]
        return " · ".join(p for p in parts if p)

    def item_pubdate(self, record):
        return record.created_at

    def item_updateddate(self, record):
        return record.updated_at


FEEDS = [("library:feed", gettext_lazy("New in the library"))]

"""Atom feed of the museum's exhibitions, newest opening first, in the visitor's language."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shanyraq.collection.selectors import exhibitions_public
from shanyraq.core import languages
from shanyraq.core.feeds import FEED_ITEMS, LanguageFeed


def _opening(exhibition) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(exhibition.start_date, dt.time()))


class ExhibitionsFeed(LanguageFeed):
    link_name = "collection:exhibitions"

    def title(self) -> str:
        return _("New exhibitions")

    def subtitle(self) -> str:
        return _("Exhibitions of the museum, the newest first.")

    def items(self):
        return exhibitions_public().order_by("-start_date", "slug")[:FEED_ITEMS]

    def item_title(self, exhibition) -> str:
        return languages.translated(exhibition, "title")[0]

    def item_description(self, exhibition) -> str:
        return languages.translated(exhibition, "summary")[0] or languages.translated(exhibition, "text")[0]

    def item_pubdate(self, exhibition):
        return _opening(exhibition)

    def item_updateddate(self, exhibition):
        return _opening(exhibition)


FEEDS = [("collection:exhibitions_feed", gettext_lazy("New exhibitions"))]

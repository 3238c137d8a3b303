"""Atom feed of what's on: the coming sessions of published programs, in the visitor's language."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shanyraq.core import languages
from shanyraq.core.feeds import FEED_ITEMS, LanguageFeed
from shanyraq.programs.selectors import sessions_public


class WhatsOnFeed(LanguageFeed):
    link_name = "programs:whats_on"

    def title(self) -> str:
        return _("What's on: coming programs")

    def subtitle(self) -> str:
        return _("Classes, concerts, tours and workshops with their dates and places.")

    def items(self):
        return sessions_public()[:FEED_ITEMS]

    def item_title(self, session) -> str:
        start = formats.date_format(timezone.localtime(session.start), "DATETIME_FORMAT")
        title = languages.translated(session.program, "title")[0]
        # Translators: a feed entry: the program's title and the date and time of one session.
        return _("%(title)s, %(start)s") % {"title": title, "start": start}

    def item_description(self, session) -> str:
        return languages.translated(session.program, "description")[0]

    def item_pubdate(self, session):
        return session.program.created_at

    def item_updateddate(self, session):
        return session.program.created_at


FEEDS = [("programs:feed", gettext_lazy("What's on: coming programs"))]

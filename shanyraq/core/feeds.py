"""Atom feeds in the visitor's language (Django's syndication framework).

A feed lives under the language prefix (`/kk/programs/feed.atom`), so LocaleMiddleware has set the
language before the feed renders: titles come from the catalogs, content falls back like the pages
do, and links point into the same language. Links and ids start at settings.SITE_URL (core.discovery).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from shanyraq.core import discovery, languages

FEED_ITEMS = 50


class LanguageFeed(Feed):
    """Base of every feed: Atom 1.0, the active language, absolute links from SITE_URL."""

    feed_type = Atom1Feed
    # Subclasses set `link_name` (the HTML page the feed mirrors) and use `page_url` for items.
    link_name = "site:home"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = languages.current()
        return response

    def get_object(self, request, *args, **kwargs) -> str:
        # The feed's own path, handed to feed_url: one Feed instance serves every thread, so
        # nothing about a request may be kept on it.
        return request.path

    def link(self) -> str:
        from django.urls import reverse

        return discovery.absolute(reverse(self.link_name))

    def feed_url(self, path: str) -> str:
        return discovery.absolute(path)

    def feed_guid(self, path: str) -> str:
        return discovery.absolute(path)

    def item_link(self, item) -> str:
        return discovery.absolute(item.get_absolute_url())

    def item_guid(self, item) -> str:
        return self.item_link(item)

    def author_name(self) -> str:
        from shanyraq.core.context_processors import CENTER_NAME

        return str(CENTER_NAME)

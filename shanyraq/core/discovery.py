"""What search engines, link previews and feed readers read about the public site.

One list of private paths serves robots.txt and the page head (a private page says `noindex` and
names no alternates), so the two never disagree. Every absolute link starts at settings.SITE_URL,
like the links in e-mails (core.links), so the sitemap, canonical links, hreflang alternates, Open
Graph URLs and feeds all name the same address, and none of them costs a redirect.

x-default is the page without its language prefix: LocaleMiddleware sends a visitor there to the
language their browser asks for, which is what x-default means (and what Django's sitemaps write).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils.text import Truncator

from shanyraq.core import languages

# Paths (after the language prefix) that no crawler should read: staff and account pages, personal
# registration links, forms that write, and search results (endless and thin).
PRIVATE_PATHS = (
    "staff/",
    "account/",
    "library/account/",
    "programs/r/",
    "newsletter/confirm/",
    "newsletter/preferences/",
    "search/",
)
# Paths anywhere on the site, without a language prefix.
PRIVATE_RAW_PATHS = ("/api/", "/admin/", "/media/private/", "/newsletter/unsubscribe/")
# Forms that write, inside otherwise public pages (robots.txt wildcards, which Google and Bing read).
PRIVATE_PATTERNS = ("/*/library/records/*/hold/", "/*/spaces/*/request/")

# Open Graph wants language_TERRITORY; these are the territories our readers live in.
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US", "kk": "kk_KZ", "ru": "ru_RU"}
DESCRIPTION_CHARS = 200


def absolute(path: str) -> str:
    """SITE_URL + path (a path that is already absolute is returned as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def split_language(path: str) -> tuple[str | None, str]:
    """`/kk/collection/` -> ("kk", "collection/"); a path without one of our prefixes -> (None, path)."""
    head, _sep, rest = path.lstrip("/").partition("/")
    if head not in languages.codes():  # exactly as in the URL map: `/KK/` is not a language prefix
        return None, path.lstrip("/")
    return head, rest


def is_indexable(path: str) -> bool:
    """Whether a public crawler may index the page at `path` (the robots.txt rules, in Python)."""
    if path.startswith(PRIVATE_RAW_PATHS):
        return False
    code, rest = split_language(path)
    if code is None:
        return False
    if rest.startswith(PRIVATE_PATHS):
        return False
    parts = rest.split("/")
    # The two wildcard patterns of PRIVATE_PATTERNS.
    if len(parts) >= 4 and parts[0] == "library" and parts[1] == "records" and parts[3] == "hold":
        return False
    return not (len(parts) >= 3 and parts[0] == "spaces" and parts[2] == "request")


def alternates(path: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language and x-default; empty for a page outside the prefix."""
    code, rest = split_language(path)
    if code is None:
        return []
    links = [(lang, absolute(f"/{lang}/{rest}")) for lang in languages.codes()]
    links.append(("x-default", absolute(f"/{rest}")))
    return links


def canonical(path: str) -> str:
    """The page's own address without its query string (filters and paging are not other pages)."""
    return absolute(path)


def robots_txt(sitemap_url: str) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {p}" for p in PRIVATE_RAW_PATHS]
    for code in languages.codes():
        lines += [f"Disallow: /{code}/{p}" for p in PRIVATE_PATHS]
    lines += [f"Disallow: {p}" for p in PRIVATE_PATTERNS]
    lines += ["Allow: /", "", f"Sitemap: {sitemap_url}", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Social:
    """What a link preview shows: Open Graph and Twitter card tags."""

    title: str
    description: str
    url: str
    image: str = ""
    image_alt: str = ""
    kind: str = "website"
    lang: str = "en"
    site_name: str = ""

    def tags(self) -> list[tuple[str, str, str]]:
        """(attribute, name, content) triples: `property` for Open Graph, `name` for Twitter."""
        description = Truncator(" ".join(self.description.split())).chars(DESCRIPTION_CHARS)
        tags = [
            ("property", "og:type", self.kind),
            ("property", "og:site_name", self.site_name),
            ("property", "og:title", self.title),
            ("property", "og:description", description),
            ("property", "og:url", self.url),
            ("property", "og:locale", OG_LOCALES.get(self.lang, "en_US")),
        ]
        tags += [
            ("property", "og:locale:alternate", OG_LOCALES[code])
            for code in languages.codes()
            if code != self.lang
        ]
        card = "summary_large_image" if self.image else "summary"
        tags += [
            ("name", "twitter:card", card),
            ("name", "twitter:title", self.title),
            ("name", "twitter:description", description),
        ]
        if self.image:
            tags += [
                ("property", "og:image", absolute(self.image)),
                ("property", "og:image:alt", self.image_alt),
                ("name", "twitter:image", absolute(self.image)),
                ("name", "twitter:image:alt", self.image_alt),
            ]
        return [(attr, name, content) for attr, name, content in tags if content]


class I18nSitemap(Sitemap):
    """A sitemap section listing each item in every language, with hreflang alternates and x-default.

    Subclasses return light items (ids or slugs, not model instances) so a section of 100,000
    artifacts stays cheap: Django pairs every item with every language before paging.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 5000  # items x languages per page; sitemaps allow 50,000, smaller pages answer faster

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path.rstrip("/")


class PagesSitemap(I18nSitemap):
    """Pages named by URL name (lists, calendars): each app lists its own in `url_names`."""

    url_names: tuple[str, ...] = ()
    changefreq = "daily"

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: str) -> str:
        from django.urls import reverse

        return reverse(item)

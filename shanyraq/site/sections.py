"""Extension points: the home page and the staff dashboard gather what each module offers.

A module contributes to the sitemap with `SITEMAPS` in `<app>/sitemaps.py` (section name ->
Sitemap class) and to every page head's feed links with `FEEDS` in `<app>/feeds.py` (url name,
title). A module contributes to the home page with `<app>/site_sections.py` defining
`home_section(request) -> tuple[str, dict] | None` (template name and its context), and to
the staff dashboard with `STAFF_LINKS` in `<app>/staff_urls.py` (label, url name, and a permission
name or a function of the user). The site imports domain
apps, never the other way round.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MODULES = [
    "collection",
    "library",
    "authorities",
    "programs",
    "spaces",
    "exchange",
    "mail",
    "newsletter",
    "ops",
]
# The site's own sitemap sections come first, then each module's.
SITEMAP_MODULES = ["site", *MODULES]


def _module(app: str, name: str):
    try:
        return import_module(f"shanyraq.{app}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"shanyraq.{app}.{name}":
            raise
        return None


def home_sections(request) -> list[tuple[str, dict]]:
    sections = []
    for app in MODULES:
        module = _module(app, "site_sections")
        if module is not None:
            section = module.home_section(request)
            if section:
                sections.append(section)
    return sections


def staff_links(user) -> list[tuple[str, str]]:
    links = []
    for app in MODULES:
        module = _module(app, "staff_urls")
        for label, url_name, perm in getattr(module, "STAFF_LINKS", []):
            allowed = perm(user) if callable(perm) else (perm is None or user.has_perm(perm))
            if allowed:
                try:
                    links.append((label, reverse(url_name)))
                except NoReverseMatch:
                    continue
    return links


NAVIGATION = [
    ("collection:index", _("Collection")),
    ("library:opac", _("Library")),
    ("programs:whats_on", _("What's on")),
    ("spaces:list", _("Spaces")),
]


def is_staff_page(request) -> bool:
    """A page under /<lang>/staff/ (the dashboard's own namespace or an app's `*_staff` one)."""
    match = getattr(request, "resolver_match", None)
    namespaces = match.namespaces if match else []
    return any(ns == "staff" or ns.endswith("_staff") for ns in namespaces)


def staff_navigation(request) -> list[tuple[str, str, bool]]:
    """The staff menu: the dashboard, then every page the signed-in role may open (label, url,
    is the current page). Built from the same `STAFF_LINKS` as the dashboard's cards."""
    links = [(_("Dashboard"), reverse("staff:dashboard")), *staff_links(request.user)]
    return [(label, url, request.path == url) for label, url in links]


def navigation(request) -> dict:
    """Context processor: the main menu, with only the modules that are installed. A signed-in
    user on a staff page gets the staff menu instead (STAFF_NAVIGATION), never the visitor's."""
    if (
        getattr(request, "user", None) is not None
        and request.user.is_authenticated
        and is_staff_page(request)
    ):
        return {"NAVIGATION": [], "STAFF_NAVIGATION": staff_navigation(request)}
    items = []
    for url_name, label in NAVIGATION:
        try:
            items.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return {"NAVIGATION": items}


def sitemaps() -> dict:
    """Every module's sitemap sections, by section name (the URL of each section page)."""
    sections: dict = {}
    for app in SITEMAP_MODULES:
        module = _module(app, "sitemaps")
        sections.update(getattr(module, "SITEMAPS", {}))
    return sections


def feeds() -> list[tuple[str, str]]:
    """(title, URL in the active language) of every module's Atom feed, for the page head."""
    links = []
    for app in MODULES:
        module = _module(app, "feeds")
        for url_name, title in getattr(module, "FEEDS", []):
            try:
                links.append((str(title), reverse(url_name)))
            except NoReverseMatch:
                continue
    return links

"""Public shell: home, text pages, search results, error pages (the staff dashboard: dashboard/)."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shanyraq.backups import conf as backups_conf
from shanyraq.core import discovery, languages
from shanyraq.library.services.privacy import history_days
from shanyraq.search.selectors import KINDS, search
from shanyraq.site.models import Page
from shanyraq.site.sections import home_sections, sitemaps
from shanyraq.spaces.selectors import spaces_public

SEARCH_PAGE_SIZE = 20

# What each kind of result is called on the results page.
KIND_LABELS = {
    "artifact": _("Artifact"),
    "exhibition": _("Exhibition"),
    "record": _("Book"),
    "program": _("Program"),
    "space": _("Space"),
    "page": _("Page"),
    "post": _("Showcase"),
}


def home(request):
    pages = {p.slug: p for p in Page.objects.filter(slug__in=["about", "visit"])}
    return render(
        request,
        "site/home.html",
        {
            "about": pages.get("about"),
            "visit": pages.get("visit"),
            "spaces": spaces_public(),
            "sections": home_sections(request),
        },
    )


def page_detail(request, slug: str):
    return render(request, "site/page.html", {"page": get_object_or_404(Page, slug=slug)})


def privacy(request):
    """What we keep about people, why and for how long (PIPL and GDPR style), in every language."""
    return render(
        request,
        "site/privacy.html",
        {
            "loan_days": history_days(),
            # Retention keeps daily archives for keep_daily days and weekly ones for keep_weekly
            # weeks: nothing older survives (docs/decisions/015), so erased data is gone by then.
            "backup_days": max(backups_conf.keep_daily(), 7 * backups_conf.keep_weekly()),
            "account_url": reverse("library:account"),
        },
    )


def search_results(request):
    query = request.GET.get("q", "")[:500]
    kind = request.GET.get("kind") or None
    if kind not in KINDS:
        kind = None
    hits = search(query, kind=kind, lang=languages.current(), limit=SEARCH_PAGE_SIZE) if query.strip() else []
    results = [(hit, KIND_LABELS.get(hit.kind, hit.kind)) for hit in hits]
    kinds = [(code, KIND_LABELS[code]) for code in KINDS if code in KIND_LABELS]
    return render(
        request, "site/search.html", {"query": query, "kind": kind, "results": results, "kinds": kinds}
    )


def robots_txt(request):
    """Crawlers may read every public page; staff, account, API and write paths stay out."""
    text = discovery.robots_txt(discovery.absolute(reverse("sitemap")))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def sitemap_index(request):
    """The sitemap index: one entry per section page, each at SITE_URL (not the host asked)."""
    entries = []
    for name, sitemap_class in sitemaps().items():
        paginator = sitemap_class().paginator
        if not paginator.count:
            continue
        url = discovery.absolute(reverse("sitemap-section", kwargs={"section": name}))
        entries.append(sitemap_views.SitemapIndexItem(url, None))
        entries += [
            sitemap_views.SitemapIndexItem(f"{url}?p={page}", None) for page in paginator.page_range[1:]
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section: str):
    return sitemap_views.sitemap(request, sitemaps=sitemaps(), section=section)

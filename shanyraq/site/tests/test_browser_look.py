"""The public site on a phone and a desktop, measured in a real Chromium (issue 14 part 6), like a
Lighthouse run: no horizontal scroll at 360 px, every image with alt text in the page's language,
text contrast AA computed from the styles the browser applied, and results above the folded
facets on a phone."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGS = ["zh-hans", "en", "kk", "ru"]
LOCALES = {"zh-hans": "zh-CN", "en": "en-US", "kk": "kk-KZ", "ru": "ru-RU"}
SCRIPT = {
    "zh-hans": re.compile(r"[\u4e00-\u9fff]"),
    "en": re.compile(r"^[\x00-\u024f\u2000-\u206f]+$"),
    "kk": re.compile(r"[\u0400-\u04ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}
PHONE = {"width": 360, "height": 740}

# The relative luminance and contrast formulas of WCAG 2.1, applied to computed colours; the
# background is the first ancestor with an opaque-enough background colour.
CONTRAST_JS = """(selector) => {
  const parse = (c) => { const p = c.match(/[\\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const background = (el) => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor); if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.getClientRects().length && el.textContent.trim() && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => { const a = lum(parse(getComputedStyle(el).color)), b = lum(background(el));
      return {text: el.textContent.trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)}; });
}"""
TEXT = [
    "main p",
    "main a",
    "main li",
    "main .meta",
    "main h1",
    "main h2",
    "main h3",
    "main dt",
    "main dd",
    "main summary",
    "main button",
    ".site-header a",
    ".site-header button",
    ".site-footer p",
    ".site-footer a",
]


@pytest.fixture
def center(transactional_db):
    """The demo center's site, collection and programs (their real pictures and texts), and a few
    books: the whole library demo adds nothing to these pages' look but a minute of loading."""
    from shanyraq.collection import demo as collection_demo
    from shanyraq.core.roles import sync_roles
    from shanyraq.library.models import Record
    from shanyraq.programs import demo as programs_demo
    from shanyraq.search.services import reindex_all
    from shanyraq.site import demo as site_demo

    sync_roles()
    site_demo.load()
    collection_demo.load()
    programs_demo.load()
    for title, lang in [
        ("Абай жолы", "kaz"),
        ("Путь Абая", "rus"),
        ("阿拜之路", "chi"),
        ("The Path of Abai", "eng"),
    ]:
        Record.objects.create(title=title, language=lang, responsibility="Мұхтар Әуезов")
    reindex_all()


def _pages(base: str, lang: str) -> list[str]:
    from shanyraq.collection.models import Artifact, Exhibition
    from shanyraq.library.models import Record
    from shanyraq.programs.models import Program, Session

    artifact = Artifact.objects.filter(published=True, images__isnull=False).order_by("pk").first()
    exhibition = Exhibition.objects.filter(published=True).order_by("pk").first()
    record = Record.objects.filter(is_public=True).order_by("pk").first()
    program = Program.objects.filter(is_published=True).exclude(image="").order_by("pk").first()
    session = Session.objects.filter(program=program).order_by("start").last()
    paths = [
        "/",
        "/collection/",
        f"/collection/artifacts/{artifact.accession_number}/",
        "/collection/exhibitions/",
        f"/collection/exhibitions/{exhibition.slug}/",
        "/library/",
        "/library/?q=абай",
        f"/library/records/{record.pk}/",
        "/programs/",
        f"/programs/{program.pk}/",
        f"/programs/sessions/{session.pk}/",
        "/spaces/",
    ]
    return [f"{base}/{lang}{path}" for path in paths]


def test_phone_pages_never_scroll_sideways_and_every_image_has_alt_text_in_the_pages_language(
    center, live_server, browser
):
    for lang in LANGS:
        context = browser.new_context(locale=LOCALES[lang], viewport=PHONE)
        page = context.new_page()
        seen = 0
        for url in _pages(live_server.url, lang):
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (url, width)
            for image in page.evaluate(
                "[...document.images].map(i => ({src: i.src, alt: i.getAttribute('alt'),"
                " lang: i.closest('[lang]').getAttribute('lang')}))"
            ):
                assert image["alt"], (url, image["src"])
                # An image inside fallback content carries that content's own lang; otherwise the page's.
                assert SCRIPT[image["lang"]].search(image["alt"]), (url, image)
                seen += 1
        assert seen >= 10, lang  # the home page, exhibitions, artifacts and programs have pictures
        context.close()


def test_text_contrast_is_aa_on_every_main_page_on_a_phone_and_a_desktop(center, live_server, browser):
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        context = browser.new_context(locale="kk-KZ", viewport=viewport)
        page = context.new_page()
        checked = 0
        for url in _pages(live_server.url, "kk"):
            page.goto(url)
            for selector in TEXT:
                for item in page.evaluate(CONTRAST_JS, selector):
                    assert item["ratio"] >= 4.5, (url, selector, item)
                    checked += 1
        assert checked > 200
        context.close()


def test_results_come_before_folded_facets_on_a_phone_and_beside_open_facets_on_a_desktop(
    center, live_server, browser
):
    for path in ("/kk/collection/", "/kk/library/?q=абай"):
        _results_first(browser, live_server.url + path)


def _results_first(browser, url: str):
    context = browser.new_context(locale="kk-KZ", viewport=PHONE)
    page = context.new_page()
    page.goto(url)
    results = page.locator(".with-facets > section").bounding_box()
    facets = page.locator(".with-facets > aside").bounding_box()
    assert results["y"] + results["height"] <= facets["y"]
    assert results["y"] < 700  # the first results are on the first screen
    assert page.locator("details.fold").evaluate("d => d.open") is False
    page.locator("details.fold > summary").click()
    assert page.locator("details.fold").evaluate("d => d.open") is True
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    results = page.locator(".with-facets > section").bounding_box()
    facets = page.locator(".with-facets > aside").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]
    assert abs(facets["y"] - results["y"]) < 5
    assert page.locator("details.fold").evaluate("d => d.open") is True
    context.close()


def _until(page, predicate: str, seconds: float = 10) -> None:
    """Poll through page.evaluate: the site's CSP (script-src 'self') refuses wait_for_function's eval."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, predicate
        time.sleep(0.05)


def test_artifact_picture_opens_in_a_deep_zoom_viewer_labelled_in_the_visitors_language(
    transactional_db, live_server, browser, django_user_model
):
    from shanyraq.collection.services.images import image_add
    from shanyraq.collection.tests.factories import ArtifactFactory
    from shanyraq.core import ornament

    artifact = ArtifactFactory(accession_number="KZ.ZOOM.1", title_kk="Сырмақ")
    image = image_add(
        actor=None,
        artifact=artifact,
        data=ornament.picture("zoom", size=(1600, 1200)),
        primary=True,
        alt_kk="Сырмақтың суреті",
    )
    context = browser.new_context(locale="kk-KZ", viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))  # CSP refusals too
    page.goto(f"{live_server.url}/kk/collection/artifacts/KZ.ZOOM.1/")
    # Without the viewer, the picture links to the full-size original.
    assert page.locator("figure a").get_attribute("href") == image.original.url
    page.get_by_role("button", name="Суретті үлкейтіп қарау").click()
    _until(page, "() => !!(window.shanyraqViewer && window.shanyraqViewer.world.getItemCount() === 1)")
    assert page.locator("#zoom-viewer").get_attribute("aria-label").startswith("Үлкейтілетін сурет")
    assert page.locator("#zoom-viewer [title='Үлкейту']").count() == 1  # OpenSeadragon's own buttons
    home = page.evaluate("window.shanyraqViewer.viewport.getHomeZoom()")
    page.locator("#zoom-viewer [title='Үлкейту']").click()
    _until(page, f"() => window.shanyraqViewer.viewport.getZoom(true) > {home} * 1.5")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="Үлкейтуді жабу").click()
    assert page.locator("#zoom-viewer").count() == 0
    assert page.locator("figure img").is_visible()
    assert errors == []
    context.close()

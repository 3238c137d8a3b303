"""The site that search engines and feed readers understand (issue 11 part 6): robots.txt, the
sitemap with hreflang alternates, canonical and hreflang links in every public page's head, Open
Graph and Twitter card tags, and Atom feeds per language, each read with a real parser (lxml for
XML and HTML, urllib.robotparser for robots.txt, feedparser for the feeds)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from lxml import etree, html
from PIL import Image

from shanyraq.collection.models import Artifact, Exhibition, ExhibitionArtifact
from shanyraq.collection.services.images import image_add
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.library.tests.factories import RecordFactory
from shanyraq.programs.tests.factories import ProgramFactory, make_session

pytestmark = pytest.mark.django_db

SITE = "https://center.example"
LANGS = ["zh-hans", "en", "kk", "ru"]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("sitemap.xsd"))))
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (20, 80, 120)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(clock, staff_user):
    """Public things and their hidden twins, which must never be shown to crawlers."""
    shown = ArtifactFactory(
        accession_number="KZ.2026.1",
        title_en="Felt carpet",
        title_kk="Сырмақ",
        title_ru="Ковёр",
        title_zh_hans="毡毯",
        description_kk="Қошқар мүйіз өрнегі бар сырмақ.",
    )
    image_add(
        actor=staff_user("curator"),
        artifact=shown,
        data=_png(),
        primary=True,
        alt_kk="Сырмақ суреті",
        alt_en="The felt carpet",
        alt_ru="Ковёр",
        alt_zh_hans="毡毯",
    )
    hidden = ArtifactFactory(accession_number="KZ.SECRET.1", published=False)
    deaccessioned = ArtifactFactory(
        accession_number="KZ.GONE.1", status=Artifact.Status.DEACCESSIONED, published=False
    )
    today = dt.date(2026, 12, 8)
    open_ = Exhibition.objects.create(
        slug="steppe-gold",
        title_en="Steppe gold",
        title_kk="Дала алтыны",
        summary_en="Gold of the steppe.",
        start_date=today,
        published=True,
    )
    ExhibitionArtifact.objects.create(exhibition=open_, artifact=shown)
    draft = Exhibition.objects.create(slug="draft-show", title_en="Draft show", start_date=today)
    record = RecordFactory(title="Абай жолы", language="kaz")
    private_record = RecordFactory(title="Internal register", is_public=False)
    program = ProgramFactory(title_en="Dombra evening", title_kk="Домбыра кеші")
    session = make_session(program=program, days=3)
    past = make_session(program=program, days=-3)
    draft_program = ProgramFactory(title_en="Secret rehearsal", is_published=False)
    draft_session = make_session(program=draft_program, days=4)
    return {
        "artifact": shown,
        "hidden": [hidden, deaccessioned],
        "exhibition": open_,
        "draft": draft,
        "record": record,
        "private_record": private_record,
        "program": program,
        "session": session,
        "past": past,
        "draft_program": draft_program,
        "draft_session": draft_session,
    }


def _robots(client) -> RobotFileParser:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def _sitemap_urls(client) -> dict[str, dict[str, str]]:
    """Every <loc> of every section, with its hreflang alternates."""
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SM}sitemapindex"
    SCHEMA.assertValid(index)
    urls = {}
    for loc in index.iter(f"{SM}loc"):
        assert loc.text.startswith(f"{SITE}/sitemap-")
        response = client.get(
            urlsplit(loc.text).path + (f"?{urlsplit(loc.text).query}" if urlsplit(loc.text).query else "")
        )
        assert response.status_code == 200
        urlset = etree.fromstring(response.content)
        assert urlset.tag == f"{SM}urlset"
        SCHEMA.assertValid(urlset)
        for url in urlset.iter(f"{SM}url"):
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in url.iter(f"{XHTML}link")
                if link.get("rel") == "alternate"
            }
            urls[url.find(f"{SM}loc").text] = alternates
    return urls


def test_robots_txt_keeps_crawlers_out_of_staff_account_api_and_personal_links(client):
    robots = _robots(client)
    for lang in LANGS:
        assert not robots.can_fetch("*", f"{SITE}/{lang}/staff/")
        assert not robots.can_fetch("*", f"{SITE}/{lang}/staff/library/desk/")
        assert not robots.can_fetch("*", f"{SITE}/{lang}/account/login/")
        assert not robots.can_fetch("*", f"{SITE}/{lang}/library/account/")
        assert not robots.can_fetch("*", f"{SITE}/{lang}/programs/r/some-token/")
        assert robots.can_fetch("*", f"{SITE}/{lang}/collection/artifacts/KZ.2026.1/")
        assert robots.can_fetch("*", f"{SITE}/{lang}/library/records/1/")
        assert robots.can_fetch("*", f"{SITE}/{lang}/")
    assert not robots.can_fetch("*", f"{SITE}/api/v1/library/records")
    assert robots.site_maps() == [f"{SITE}/sitemap.xml"]


def test_sitemap_schema_refuses_what_the_protocol_forbids():
    """The control for the schema checks below: a changefreq outside the protocol's words fails."""
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<loc>https://center.example/en/</loc><changefreq>sometimes</changefreq></url></urlset>"
    )
    assert not SCHEMA.validate(bad)
    good = etree.fromstring(etree.tostring(bad).replace(b"sometimes", b"daily"))
    assert SCHEMA.validate(good)


def test_sitemap_lists_each_public_page_in_four_languages_with_hreflang_and_x_default(client, world):
    urls = _sitemap_urls(client)
    for lang in LANGS:
        path = f"/{lang}/collection/artifacts/KZ.2026.1/"
        assert urls[SITE + path] == {
            **{code: f"{SITE}/{code}/collection/artifacts/KZ.2026.1/" for code in LANGS},
            "x-default": f"{SITE}/collection/artifacts/KZ.2026.1/",
        }
        for wanted in (
            f"/{lang}/",
            f"/{lang}/collection/exhibitions/steppe-gold/",
            f"/{lang}/library/records/{world['record'].pk}/",
            f"/{lang}/programs/{world['program'].pk}/",
            f"/{lang}/programs/sessions/{world['session'].pk}/",
            f"/{lang}/programs/",
            f"/{lang}/library/",
        ):
            assert SITE + wanted in urls, wanted


def test_sitemap_never_lists_unpublished_internal_or_private_things(client, world):
    urls = _sitemap_urls(client)
    text = "\n".join([*urls, *(href for alts in urls.values() for href in alts.values())])
    for forbidden in (
        "KZ.SECRET.1",
        "KZ.GONE.1",
        "draft-show",
        f"/records/{world['private_record'].pk}/",
        f"/programs/{world['draft_program'].pk}/",
        f"/sessions/{world['draft_session'].pk}/",
        f"/sessions/{world['past'].pk}/",
        "/staff/",
        "/account/",
        "/api/",
    ):
        assert forbidden not in text, forbidden
    robots = _robots(client)
    assert all(robots.can_fetch("*", url) for url in urls)


def test_every_sitemap_url_answers_200_without_a_redirect(client, world):
    for url in _sitemap_urls(client):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url


def _head(client, path: str, lang_header: str = "en"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang_header)
    assert response.status_code == 200, path
    return html.fromstring(response.content)


@pytest.mark.parametrize("lang", LANGS)
def test_public_page_head_names_canonical_every_language_and_x_default(client, world, lang):
    for path in (
        f"/{lang}/",
        f"/{lang}/collection/artifacts/KZ.2026.1/",
        f"/{lang}/library/records/{world['record'].pk}/",
        f"/{lang}/programs/{world['program'].pk}/",
        f"/{lang}/collection/exhibitions/steppe-gold/",
    ):
        page = _head(client, path + "?page=2")
        assert page.xpath("//head/link[@rel='canonical']/@href") == [SITE + path]
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in page.xpath("//head/link[@rel='alternate'][@hreflang]")
        }
        rest = path.removeprefix(f"/{lang}")
        assert alternates == {**{code: f"{SITE}/{code}{rest}" for code in LANGS}, "x-default": SITE + rest}
        assert not page.xpath("//meta[@name='robots']")


def test_x_default_sends_each_visitor_to_their_own_language(client, world):
    for header, lang in (("kk-KZ,kk;q=0.9", "kk"), ("zh-CN,zh;q=0.9", "zh-hans"), ("ru", "ru")):
        response = client.get("/collection/artifacts/KZ.2026.1/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 302
        assert response["Location"] == f"/{lang}/collection/artifacts/KZ.2026.1/"


def test_staff_and_account_pages_say_noindex_and_name_no_alternates(client, staff_client, world):
    for path in ("/kk/staff/login/", "/kk/library/account/login/"):
        page = _head(client, path)
        assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert not page.xpath("//link[@rel='canonical'] | //link[@hreflang]")
    page = html.fromstring(client.get("/kk/no-such-page/").content)
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not page.xpath("//link[@rel='canonical']")


def _meta(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.xpath("//head/meta[@property or @name]"):
        found.setdefault(meta.get("property") or meta.get("name"), []).append(meta.get("content"))
    return found


def test_artifact_preview_is_in_the_visitors_language_with_its_picture(client, world):
    meta = _meta(_head(client, "/kk/collection/artifacts/KZ.2026.1/"))
    image = world["artifact"].images.get()
    assert meta["og:title"] == ["Сырмақ"]
    assert meta["og:description"] == ["Қошқар мүйіз өрнегі бар сырмақ."]
    assert meta["og:locale"] == ["kk_KZ"]
    assert sorted(meta["og:locale:alternate"]) == ["en_US", "ru_RU", "zh_CN"]
    assert meta["og:url"] == [f"{SITE}/kk/collection/artifacts/KZ.2026.1/"]
    assert meta["og:image"] == [SITE + image.display.url]
    assert meta["og:image:alt"] == ["Сырмақ суреті"]
    assert meta["og:type"] == ["article"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:image"] == [SITE + image.display.url]


def test_exhibition_record_program_and_home_have_previews(client, world):
    exhibition = _meta(_head(client, "/kk/collection/exhibitions/steppe-gold/"))
    assert exhibition["og:title"] == ["Дала алтыны"]
    assert exhibition["og:image"] == [SITE + world["artifact"].images.get().display.url]
    record = _meta(_head(client, f"/ru/library/records/{world['record'].pk}/"))
    assert record["og:title"] == ["Абай жолы"]
    assert record["og:type"] == ["book"]
    assert record["og:locale"] == ["ru_RU"]
    assert record["twitter:card"] == ["summary"]
    program = _meta(_head(client, f"/kk/programs/{world['program'].pk}/"))
    assert program["og:title"] == ["Домбыра кеші"]
    assert program["og:description"] == ["Make felt."]
    session = _meta(_head(client, f"/zh-hans/programs/sessions/{world['session'].pk}/"))
    assert session["og:locale"] == ["zh_CN"]
    home = _meta(_head(client, "/ru/"))
    assert home["og:type"] == ["website"]
    assert home["og:title"] == home["og:site_name"]
    assert home["og:url"] == [f"{SITE}/ru/"]


FEEDS = {
    "programs": "/{lang}/programs/feed.atom",
    "exhibitions": "/{lang}/collection/exhibitions/feed.atom",
    "library": "/{lang}/library/new.atom",
}


def _feed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


@pytest.mark.parametrize("lang", LANGS)
def test_head_links_every_feed_of_the_language_and_each_parses_as_atom(client, world, lang):
    page = _head(client, f"/{lang}/")
    links = page.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert sorted(links) == sorted(SITE + path.format(lang=lang) for path in FEEDS.values())
    for link in links:
        feed = _feed(client, urlsplit(link).path)
        assert feed.feed.id == link  # its own address at SITE_URL, whoever asked before
        assert feed.feed.language == lang
        assert feed.feed.title
        assert all(entry.link.startswith(f"{SITE}/{lang}/") for entry in feed.entries)


def test_whats_on_feed_has_coming_sessions_of_published_programs_in_kazakh(client, world):
    feed = _feed(client, "/kk/programs/feed.atom")
    assert [entry.link for entry in feed.entries] == [f"{SITE}/kk/programs/sessions/{world['session'].pk}/"]
    assert feed.entries[0].title.startswith("Домбыра кеші, ")
    assert "Secret rehearsal" not in str(feed)


def test_exhibitions_feed_lists_published_exhibitions_only(client, world):
    feed = _feed(client, "/kk/collection/exhibitions/feed.atom")
    assert [entry.title for entry in feed.entries] == ["Дала алтыны"]
    assert feed.entries[0].summary == "Gold of the steppe."


def test_new_books_feed_lists_records_shown_in_the_catalogue_newest_first(client, world):
    newer = RecordFactory(title="Қан мен тер", language="kaz")
    feed = _feed(client, "/ru/library/new.atom")
    assert [entry.title for entry in feed.entries] == ["Қан мен тер", "Абай жолы"]
    assert feed.entries[0].link == f"{SITE}/ru/library/records/{newer.pk}/"


def test_private_path_rules_match_robots_wildcards_for_write_forms():
    from shanyraq.core.discovery import PRIVATE_PATTERNS, is_indexable, robots_txt

    assert PRIVATE_PATTERNS == ("/*/library/records/*/hold/", "/*/spaces/*/request/")
    assert all(f"Disallow: {p}" in robots_txt("x") for p in PRIVATE_PATTERNS)
    assert not is_indexable("/ru/library/records/5/hold/")
    assert not is_indexable("/kk/spaces/main-hall/request/")
    assert not is_indexable("/api/v1/library/records")
    assert not is_indexable("/KK/collection/")  # not a language prefix of the URL map
    assert is_indexable("/kk/spaces/main-hall/")
    assert is_indexable("/ru/library/records/5/")

"""Every page in the user's language (issue 14, part 7): each public, account and staff page is
opened in Chinese, Kazakh and Russian, by a persona allowed to see it, and its visible text
(and alt, title, placeholder and aria-label texts) must hold no English word of our interface.

"English word of our interface" is any word of four letters or more of an English source string
in our catalogues. Content is not interface: text inside an element marked with another `lang`
(a visible fallback, `{% tr %}` marks it), and the words of the world's own records (titles,
names, notes) are allowed. Error pages are covered by their own tests below (403, 404, 400, 500,
CSRF failure and a failed sign-in).

The pages are fetched with Django's test client: they are rendered on the server, and the text a
browser shows is the text of this HTML (no page builds its text in JavaScript).
A new page fails `test_every_page_is_crawled_or_excused` until it is crawled or excused here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.db import models
from django.test import Client, RequestFactory
from django.urls import get_resolver
from django.utils import translation

from shanyraq.core.roles import ROLES
from shanyraq.core.tests import world as W
from shanyraq.core.tests.test_url_matrix import GUARDED, POLICY, expected, fill, walk
from shanyraq.programs import tokens

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "kk", "ru"]
ROOT = Path(__file__).resolve().parents[2]

# Pages not crawled, and why. Everything else under a language prefix is.
EXCUSED = {
    "admin:": "the Django admin is for superusers only (issue 14, part 2)",
    "programs:ticket": "a PNG image, no text",
    "library:data_export": "a JSON download for the reader, field names are data",
    "library_staff:report_export": "a CSV/XLSX download",
    "accounts:password_reset_confirm": "needs a fresh one-time token; its form is the change form's",
    "staff:logout": "POST only",
    "accounts:two_factor_remove": "POST only",
    "exchange:join_confirm": "a one-time e-mail token (exchange/tests)",
    "exchange:guardian": "a one-time e-mail token for the guardian (exchange/tests)",
    "exchange:data_export": "a JSON download for the member, field names are data",
    "exchange:logout": "POST only",
    "exchange_staff:call_report_export": "a CSV/XLSX download",
    "newsletter:confirm": "confirms on POST; its GET page is the preferences page's twin (newsletter/tests)",
    "accounts:two_factor_verify": "only between password and code at sign-in (accounts/tests)",
    "library:logout": "POST only",
}
# Words that are the same in every language of the center, or names.
NAMES = {
    "shanyraq", "marc", "marcxml", "iiif", "isbn", "issn", "unimarc", "json", "xlsx", "http", "https",
    "beijing", "kazakhstan", "abai", "dombra", "wifi", "totp", "email", "cookie", "cookies",
    "topics",  # a column name of the subscriber import file, which the reader's file must use
    "yyyy",  # a date notation (YYYY-MM-DD) the reader types
}  # fmt: skip
TEXT_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
WORD = re.compile(r"[A-Za-z]{4,}")


def interface_words() -> set[str]:
    """Every English word of four letters or more in our catalogues' source strings."""
    import django

    django_root = Path(django.__file__).parent
    catalogues = [
        *ROOT.glob("shanyraq/*/locale/ru/LC_MESSAGES/django.po"),
        # Django's own words reach our pages too: form errors, widgets, sign-in messages.
        django_root / "conf/locale/ru/LC_MESSAGES/django.po",
        django_root / "contrib/auth/locale/ru/LC_MESSAGES/django.po",
    ]
    words: set[str] = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            text = re.sub(r"%\(\w+\)s|\{\w+\}|<[^>]+>", " ", f"{entry.msgid} {entry.msgid_plural}")
            words |= {w.lower() for w in WORD.findall(text)}
    return words - NAMES


def content_words() -> set[str]:
    """The words of what the world holds (titles, names, notes): content, not interface."""
    words: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    words |= {w.lower() for w in WORD.findall(str(value))}
    return words


class VisibleText(HTMLParser):
    """The text a reader sees or hears, without content marked as another language."""

    SKIPPED = {"script", "style", "code", "pre", "textarea", "svg", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # per open element: is its content excluded?
        self.parts: list[str] = []

    def excluded(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        other_language = bool(lang) and tag != "html" and not lang.startswith(self.language)
        skip = tag in self.SKIPPED or other_language or attrs.get("translate") == "no"
        if not (self.excluded() or skip):
            self.parts += [attrs[a] for a in TEXT_ATTRIBUTES if attrs.get(a)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.excluded():
            self.parts.append(data)


def english_words(html: str, language: str, allowed: set[str], vocabulary: set[str]) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    found = []
    for part in parser.parts:
        for word in WORD.findall(part):
            if word.lower() in vocabulary and word.lower() not in allowed:
                found.append(f"{word} ({part.strip()[:80]!r})")
    return found


def public_values(world) -> dict[str, dict]:
    from shanyraq.newsletter import tokens as newsletter_tokens

    registration = world.registration.pk
    ex = world.exchange
    return {
        "exchange:tandem_request": {"pk": ex["tandem"].second.pk},
        **{
            f"exchange:{name}": {"pk": ex["tandem"].pk}
            for name in ("tandem", "tandem_decide", "tandem_end", "message_send", "block", "meeting_book")
        },
        "exchange:message_report": {"pk": ex["message"].pk},
        "exchange:call": {"pk": ex["call"].pk},
        "exchange:call_withdraw": {"pk": ex["call"].pk},
        "exchange:post": {"pk": ex["post"].pk},
        "exchange:post_report": {"pk": ex["post"].pk},
        "newsletter:preferences": {"token": newsletter_tokens.link_token(world.subscriber.pk)},
        "site:page": {"slug": world.page.slug},
        "collection:artifact": {"accession": world.artifact.accession_number},
        "collection:exhibition": {"slug": world.exhibition.slug},
        "library:record": {"pk": world.record.pk},
        "library:hold_place": {"pk": world.record.pk},
        "library:loan_renew": {"pk": world.loan.pk},
        "library:hold_cancel": {"pk": world.hold.pk},
        "programs:detail": {"pk": world.program.pk},
        "programs:session": {"pk": world.session.pk},
        "programs:registration": {"token": tokens.make(registration, "view")},
        "programs:cancel": {"token": tokens.make(registration, "cancel")},
        "programs:verify": {"token": tokens.make(registration, "verify")},
        "programs:accept": {"token": tokens.make(registration, "accept")},
        "spaces:detail": {"slug": world.hall.slug},
        "spaces:calendar": {"slug": world.hall.slug},
        "spaces:request": {"slug": world.hall.slug},
    }


def pages(world):
    """(key, English path, guarded) for every page under the English prefix."""
    values = public_values(world)
    with translation.override("en"):
        for route, namespace, name, pattern in walk(get_resolver().url_patterns):
            if not route.startswith("en/"):
                continue
            key = f"{namespace}:{name}" if name else f"{namespace}:{pattern.pattern}"
            if any(key == k or (k.endswith(":") and key.startswith(k)) for k in EXCUSED):
                continue
            if GUARDED.match(route):
                for path in fill(world, key, route):
                    yield key, path, True
                continue
            params = re.findall(r"<(?:\w+:)?(\w+)>", route)
            path = route
            for param in params:
                path = re.sub(rf"<(?:\w+:)?{param}>", str(values[key][param]), path)
            yield key, "/" + path, False


def reader_for(world, staff_user, key: str, path: str, guarded: bool, users: dict):
    """A user allowed to open the page (None: anyone), or False when nobody opens it by GET."""
    if not guarded:
        if key in ("exchange:login", "exchange:join", "exchange:join_sent"):
            return None  # pages for someone not signed in yet
        if key.startswith("exchange:"):
            return world.exchange["tandem"].first.person.user  # a member (a minor, in a tandem)
        return world.patron_login if key.startswith(("accounts:", "library:")) else None
    policy = POLICY.get(key)
    if policy is not None and policy.method == "POST":
        return False
    for persona in [*ROLES, "patron"]:
        allowed, status = expected(persona, key, path)
        if allowed and status == 200:
            if persona == "patron":
                return world.patron_login
            if persona not in users:
                users[persona] = staff_user(persona, username=f"crawl-{persona}")
            return users[persona]
    return False


@pytest.fixture
def world(staff_user, clock, settings, tmp_path):
    from shanyraq.exchange.tests.factories import matrix_world

    settings.MEDIA_ROOT = tmp_path
    world = W.build(staff_user)
    world.exchange = matrix_world()
    world.exchange["post"].status = "published"  # its public page
    world.exchange["post"].save(update_fields=["status"])
    return world


def test_every_page_is_crawled_or_excused(world):
    """Every page is crawled (keys are checked against the URL conf) or excused with a reason."""
    crawled = {key for key, _path, _g in pages(world)}
    assert {"site:home", "programs:session", "library:account", "collection_staff:artifact"} <= crawled
    with translation.override("en"):
        keys = {
            f"{ns}:{name}"
            for route, ns, name, _p in walk(get_resolver().url_patterns)
            if route.startswith("en/")
        }
    stale = [k for k in EXCUSED if not k.endswith(":") and k not in keys]
    assert stale == []


def test_no_english_word_on_any_page_in_another_language(world, staff_user):
    vocabulary = interface_words()
    allowed = content_words() | NAMES
    found, opened, users = [], 0, {}
    for key, path, guarded in pages(world):
        user = reader_for(world, staff_user, key, path, guarded, users)
        if user is False:
            continue
        client = Client()
        if user is not None:
            client.force_login(user)
        for language in LANGUAGES:
            response = client.get(path.replace("/en/", f"/{language}/", 1))
            if response.status_code == 405:
                break  # an action taken by POST only: no page to read
            if response.status_code != 200:
                found.append(f"{language} {path}: answered {response.status_code}")
                continue
            if "html" not in response.get("Content-Type", ""):
                continue  # a feed or a file: its language is its own tests' business
            opened += 1
            for word in english_words(response.content.decode(), language, allowed, vocabulary):
                found.append(f"{language} {path} ({key}): {word}")
    assert found == [], "\n".join(found)
    print(f"{opened} pages opened")
    assert opened > 150  # the crawl really opened the pages


def test_the_check_finds_an_english_word_and_lets_content_and_fallbacks_be():
    vocabulary = {"renew", "loans", "search"}
    html = (
        '<p>Мои книги <button>Renew</button></p><p lang="en">Loans in English, marked</p>'
        '<img alt="Search"><p>War and Peace</p><script>var search = 1;</script>'
    )
    assert english_words(html, "ru", set(), vocabulary) == ["Renew ('Renew')", "Search ('Search')"]


@pytest.mark.parametrize("persona", ROLES)
def test_each_roles_staff_pages_speak_its_language(world, staff_user, persona):
    """The staff navigation differs by role: each role's dashboard, in each language."""
    vocabulary, allowed = interface_words(), content_words() | NAMES
    client = Client()
    client.force_login(staff_user(persona, username=f"nav-{persona}"))
    for language in LANGUAGES:
        response = client.get(f"/{language}/staff/")
        assert response.status_code == 200
        assert english_words(response.content.decode(), language, allowed, vocabulary) == []


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh-hans", "无权访问"), ("kk", "Кіруге рұқсат жоқ"), ("ru", "Доступ запрещён")],
)
def test_a_refused_page_says_so_in_the_users_language(world, staff_user, language, title):
    """The teacher opening another's class got a bare English "403 Forbidden"."""
    client = Client()
    client.force_login(staff_user("teacher", username="not-their-class"))
    response = client.get(f"/{language}/staff/programs/sessions/{world.session.pk}/attendance/")
    assert response.status_code == 403
    html = response.content.decode()
    assert title in html and "Forbidden" not in html
    assert english_words(html, language, set(), interface_words()) == []


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh-hans", "表单未能提交"), ("kk", "Пішін жіберілмеді"), ("ru", "Форму не удалось отправить")],
)
def test_a_form_without_its_csrf_token_is_refused_in_the_users_language(world, language, title):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/spaces/{world.hall.slug}/request/", {"purpose": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert title in html and "CSRF" not in html
    assert english_words(html, language, set(), interface_words()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_speak_the_users_language(world, language, settings):
    vocabulary = interface_words()
    client = Client(raise_request_exception=False)
    not_found = client.get(f"/{language}/collection/artifacts/NO-SUCH-THING/")
    assert not_found.status_code == 404
    assert english_words(not_found.content.decode(), language, set(), vocabulary) == []
    from django.views import defaults

    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        for view in (defaults.server_error, lambda r: defaults.bad_request(r, exception=None)):
            html = view(request).content.decode()
            assert f'lang="{language}"' in html
            assert english_words(html, language, set(), vocabulary) == []


@pytest.mark.parametrize(
    ("language", "path"),
    [("kk", "/kk/staff/login/"), ("ru", "/ru/library/account/login/"), ("zh-hans", "/zh-hans/staff/login/")],
)
def test_a_failed_sign_in_is_told_in_the_users_language(world, language, path):
    response = Client().post(path, {"username": "nobody", "password": "wrong-password"})
    assert response.status_code == 200
    html = response.content.decode()
    assert english_words(html, language, set(), interface_words()) == []
    assert "errorlist" in html or 'role="alert"' in html

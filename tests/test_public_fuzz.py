"""The attacker's suite, part 2 (issue 13): hypothesis fuzzes every public page's GET parameters
and the public forms, and no answer may be a 5xx.

The pages come from the URL conf (everything outside /staff/, the admin and the API, which
schemathesis covers), and each page's GET parameters from its view's own source, so a page or a
parameter added tomorrow is fuzzed without touching this file. Values are hostile on purpose:
years 0001 and 9999, ISO weeks 0 and 53, integers past 2^63, NUL, lone surrogates (as URL
escapes), right-to-left marks, very long strings.
"""

from __future__ import annotations

import inspect
import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.undated  # hostile input: the same on every date


EXAMPLES = 12
PRIVATE = ("staff/", "api/", "admin/")
GET_PARAM = re.compile(r"""GET\.get(?:list)?\(\s*["'](\w+)["']""")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _view_params(callback) -> list[str]:
    view = inspect.unwrap(getattr(callback, "view_class", callback))
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return []
    return sorted(set(GET_PARAM.findall(source)))


def public_pages() -> list[tuple[str, list[str]]]:
    """(route, GET parameters) of every public page, from the URL conf, in one language."""
    pages = []
    for route, callback in _walk(get_resolver().url_patterns):
        if route.startswith(("zh-hans/", "kk/", "ru/")) or any(part in route for part in PRIVATE):
            continue
        pages.append((route, _view_params(callback)))
    return pages


PAGES = public_pages()

EDGE = [
    "",
    "0",
    "-1",
    "1",
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "9999-12",
    "0001-01",
    "0000-00",
    "2026-13",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "0001-W01",
    "9999-W53",
    "2026-W00",
    "2026-W54",
    "month",
    "week",
    "1e309",
    "NaN",
    "\x00",
    "%00",
    "\u202e",
    "' OR 1=1 --",
    'NEAR("x" *) AND OR -( ^:',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "я" * 3000,
]
VALUES = st.one_of(st.sampled_from(EDGE), st.text(max_size=40), st.integers().map(str))


def test_every_public_page_is_listed_with_its_parameters():
    routes = dict(PAGES)
    assert routes["en/programs/"] == ["age", "from", "kind", "language", "to"]
    assert routes["en/spaces/<slug:slug>/calendar/"] == ["month", "view", "week"]
    assert routes["en/library/"] == ["available", "format", "language", "page", "q", "subject", "year"]
    assert "en/programs/sessions/<int:pk>/" in routes and "ics/whats-on.ics" in routes
    assert not [r for r in routes if "staff" in r or r.startswith("api/")]


@pytest.fixture
def center(db, settings):
    """One of each public thing, so detail pages answer 200 as well as 404."""
    from django.core.cache import cache

    from shanyraq.collection.tests.factories import ArtifactFactory
    from shanyraq.library.tests.factories import RecordFactory
    from shanyraq.programs.models import Program
    from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session

    cache.clear()
    settings.PROGRAMS_REGISTRATION_RATE = "0/1"
    settings.SPACES_REQUEST_RATE = "0/1"
    space = SpaceFactory(slug="hall")
    program = ProgramFactory(kind=Program.Kind.TOUR, allow_groups=True)
    session = make_session(program=program, space=space, capacity=40)
    return {
        "int": [program.pk, session.pk, RecordFactory().pk],
        "slug": ["hall"],
        "str": [ArtifactFactory().accession_number],
    }


def _path_value(converter: str, known: dict) -> st.SearchStrategy[str]:
    if converter == "int":
        return st.one_of(st.sampled_from(known["int"]), st.integers(min_value=0)).map(str)
    if converter == "slug":
        return st.one_of(
            st.sampled_from(known["slug"]), st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True)
        )
    return st.one_of(st.sampled_from(known["str"]), st.text(min_size=1, max_size=60)).map(
        lambda text: quote(text.replace("/", ""), safe="") or "x"
    )


def _url(route: str, data, known: dict) -> str:
    def fill(match):
        converter = match.group(1) or "str"
        return data.draw(_path_value(converter, known), label=match.group(2))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


@pytest.mark.parametrize(("route", "params"), PAGES, ids=[route for route, _ in PAGES])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_public_page_answers_5xx_to_any_parameter(client, center, route, params, data):
    url = _url(route, data, center)
    query = {name: data.draw(VALUES, label=name) for name in params if data.draw(st.booleans())}
    response = client.get(url, query)
    assert response.status_code < 500 or is_health_report(response), (url, query)


def is_health_report(response) -> bool:
    """/health answers 503 with its report when a check fails (here: no worker, no backup yet);
    that is its meaning, not a crash."""
    return (
        response.status_code == 503
        and response.request["PATH_INFO"] == "/health"
        and response.json()["status"] == "fail"
    )


SWEPT = [(route, params) for route, params in PAGES if params]


@pytest.mark.parametrize(("route", "params"), SWEPT, ids=[route for route, _ in SWEPT])
def test_every_edge_value_on_every_parameter(client, center, route, params):
    """The deterministic half: each parameter alone with each hostile value (hypothesis above
    mixes them, but draws any one of them only now and then)."""
    url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(center.get(m.group(1) or "str", ["x"])[0]), route)
    for name in params:
        for value in EDGE:
            response = client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value)


FORMS = {
    "en/programs/sessions/<int:pk>/": [
        "name",
        "email",
        "phone",
        "birth_date",
        "guardian_consent",
        "group_name",
        "seats",
        "website",
        "together",
        "newsletter",
        *[f"child_{i}_{part}" for i in range(1, 5) for part in ("name", "birth_date")],
    ],
    "en/spaces/<slug:slug>/request/": ["name", "email", "start", "end", "purpose", "website"],
    "en/programs/r/<str:token>/cancel/": [],
    "en/programs/r/<str:token>/accept/": [],
}


def test_the_fuzzed_forms_are_the_forms_of_the_views():
    from shanyraq.programs.forms import RegistrationForm
    from shanyraq.programs.tests.factories import ProgramFactory
    from shanyraq.spaces.calendar_views import RequestForm

    assert set(FORMS["en/programs/sessions/<int:pk>/"]) == set(
        RegistrationForm(program=ProgramFactory.build(allow_groups=True)).fields
    )
    assert set(FORMS["en/spaces/<slug:slug>/request/"]) == set(RequestForm().fields)


@pytest.mark.parametrize("route", list(FORMS))
@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_public_form_answers_5xx_to_any_input(client, center, route, data):
    url = _url(route, data, center)
    body = {name: data.draw(VALUES, label=name) for name in FORMS[route] if data.draw(st.booleans())}
    response = client.post(url, body)
    assert response.status_code < 500, (url, body)

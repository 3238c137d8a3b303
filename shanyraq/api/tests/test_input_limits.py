"""Issue 13: one anonymous request must not lock the database, and hostile input gets a clear 4xx.

The attack: POST /api/v1/sessions/{id}/registrations with 25,000 children (1.2 MB) used to write
every child inside one IMMEDIATE transaction before the per-booker limit refused it, holding
SQLite's write lock for 45 s. Every size is now checked before a write or a transaction.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shanyraq.people.models import Person
from shanyraq.programs.models import Program, Registration
from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
from shanyraq.programs.tests.factories import ProgramFactory, make_session

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _children(n: int) -> list[dict]:
    return [{"name": f"Child number {i:05d}", "birth_date": "2018-05-01"} for i in range(n)]


def _body(**extra) -> dict:
    return {"name": "Li Wei", "email": "li@example.org", "language": "en", "guardian_consent": True, **extra}


def _post(client, session, body, **headers):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        f"/api/v1/sessions/{session.pk}/registrations", raw, content_type="application/json", **headers
    )


def _writes(queries) -> list[str]:
    """Statements that write rows, other than the rate limit's counter in the cache table (it
    counts every attempt, valid or not, so a prober cannot go unmetered)."""
    cache_table = settings.CACHES["default"]["LOCATION"]
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and cache_table not in q["sql"]
    ]


def test_25000_children_are_refused_before_any_write(client):
    session = make_session(capacity=30)
    body = json.dumps(_body(children=_children(25_000))).encode()
    assert len(body) > 1_000_000
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, session, body)
    assert (response.status_code, response.json()) == (
        413,
        {"detail": "The request is too large: at most 64 KB, please."},
    )
    assert queries.captured_queries == []  # refused from Content-Length: not even a read
    assert (Person.objects.count(), Registration.objects.count()) == (0, 0)


def test_more_children_than_the_schema_allows_get_422_in_the_callers_language(client):
    session = make_session(capacity=30)
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, session, _body(children=_children(11)), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Запрос недействителен.",
        "errors": {"children": ["Не более 10 элементов."]},
    }
    assert _writes(queries.captured_queries) == []


def test_more_children_than_one_booker_may_book_are_refused_before_the_transaction(client):
    session = make_session(program=ProgramFactory(max_per_booker=3), capacity=30)
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, session, _body(children=_children(4)))
    assert response.status_code == 422
    assert response.json()["errors"] == {"children": ["One registration may name at most 3 children."]}
    assert _writes(queries.captured_queries) == []
    assert Person.objects.count() == 0


def test_the_service_checks_sizes_itself_for_every_caller():
    session = make_session(capacity=30)
    data = Submission(
        name="x" * 201,
        email="li@example.org",
        language="en",
        guardian_consent=True,
        children=[ChildInput(name=f"C{i}", birth_date=None) for i in range(7)],
    )
    with CaptureQueriesContext(connection) as queries, pytest.raises(Exception) as caught:
        registration_submit(session=session, data=data)
    assert caught.value.message_dict == {
        "name": ["At most 200 characters, please."],
        "children": ["One registration may name at most 6 children."],
    }
    assert _writes(queries.captured_queries) == []


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [("name", 201, 200), ("email", 255, 254), ("phone", 41, 40), ("group_name", 201, 200)],
)
def test_a_long_field_is_refused_by_the_schema(client, field, length, limit):
    response = _post(client, make_session(), _body(**{field: "a" * length}))
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [f"At most {limit} characters, please."]}
    assert Person.objects.count() == 0


def test_a_megabyte_name_is_refused_not_stored(client):
    response = _post(client, make_session(), _body(name="n" * 1_000_000))
    assert response.status_code == 413
    assert Person.objects.count() == 0


def test_the_attack_does_not_hold_the_database_for_other_writers(transactional_db, client):
    """While the oversized request is answered, another connection writes without waiting."""
    session = make_session(capacity=30)
    body = json.dumps(_body(children=[*_children(60), *_children(60)])).encode()  # under 64 KB
    assert len(body) < 64 * 1024
    done = threading.Event()
    codes = []

    def attack():
        try:
            for _ in range(20):
                codes.append(_post(client, session, body).status_code)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=attack)
    thread.start()
    slowest = 0.0
    while not done.is_set():
        started = time.monotonic()
        Program.objects.filter(pk=session.program_id).update(capacity=None)
        slowest = max(slowest, time.monotonic() - started)
    thread.join()
    assert codes == [422] * 20
    assert slowest < 0.5
    assert Person.objects.count() == 0


def test_a_lone_surrogate_in_json_is_a_400_not_a_500(client):
    raw = b'{"name": "\\ud800", "email": "li@example.org", "language": "en"}'
    response = _post(client, make_session(), raw, HTTP_ACCEPT_LANGUAGE="kk")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Сұрау денесі жарамды JSON мәтіні емес."},
    )


def test_a_nul_character_is_refused(client):
    response = _post(client, make_session(), _body(name="Li\x00Wei"))
    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["This text contains a character that cannot be stored."]}
    assert Person.objects.count() == 0


def test_a_25_megabyte_body_is_a_413_in_the_callers_language(client):
    raw = b'{"name": "' + b"a" * (25 * 1024 * 1024) + b'"}'
    response = _post(client, make_session(), raw, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (response.status_code, response.json()) == (413, {"detail": "请求过大：最多 64 KB。"})


def test_an_unknown_language_is_refused_by_the_enum(client):
    response = _post(client, make_session(), _body(language="de"))
    assert response.status_code == 422
    assert response.json()["errors"] == {"language": ["Use one of: zh-hans, en, kk, ru"]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/artifacts?offset=9223372036854775808",
        "/api/v1/artifacts?offset=-1",
        "/api/v1/artifacts?sort=nonsense",
        "/api/v1/records?page=9223372036854775808",
        "/api/v1/programs/9223372036854775808",
        "/api/v1/sessions/9223372036854775808",
        "/api/v1/records/9223372036854775808/marc",
        "/api/v1/programs?kind=party",
    ],
)
def test_out_of_range_parameters_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"] == "The request is not valid."


def test_the_schema_shows_the_bounds(client):
    schema = client.get("/api/v1/openapi.json").json()
    registration = schema["components"]["schemas"]["RegistrationIn"]["properties"]
    assert registration["children"]["maxItems"] == 10
    assert registration["name"]["maxLength"] == 200
    assert (registration["seats"]["minimum"], registration["seats"]["maximum"]) == (1, 1000)
    assert registration["language"]["enum"] == ["zh-hans", "en", "kk", "ru"]
    offset = next(
        p for p in schema["paths"]["/api/v1/artifacts"]["get"]["parameters"] if p["name"] == "offset"
    )
    assert offset["schema"]["maximum"] == 1_000_000
    responses = schema["paths"]["/api/v1/sessions/{session_id}/registrations"]["post"]["responses"]
    assert sorted(responses) == ["201", "202", "400", "403", "404", "409", "413", "422", "429"]


def test_program_kind_is_an_enum(client):
    assert client.get("/api/v1/programs?kind=").status_code == 200
    ProgramFactory(kind=Program.Kind.TOUR)
    assert [p["kind"] for p in client.get("/api/v1/programs?kind=tour").json()] == ["tour"]

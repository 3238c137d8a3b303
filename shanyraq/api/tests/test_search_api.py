"""GET /api/v1/search: shape, cross-script queries, refusals in the caller's language."""

from __future__ import annotations

import pytest

from shanyraq.search.tests.fixtures import corpus  # noqa: F401

pytestmark = pytest.mark.django_db

RU_CODES = "Используйте один из вариантов: zh-hans, en, kk, ru"
KK_KINDS = "Мыналардың бірін қолданыңыз: artifact, exhibition, record, program, space, page, post"


def test_search_returns_ranked_hits_in_the_requested_language(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "Altyn adam", "lang": "zh-hans"})
    assert response.status_code == 200
    assert response.json()[0] == {
        "kind": "artifact",
        "id": "golden-man",
        "title": "金人",
        "title_lang": "zh-hans",
        "url": "/zh-hans/artifacts/golden-man/",
        "snippet": "Ceremonial costume of a Saka warrior from the Issyk kurgan, gold plaques.",
    }


def test_search_meets_arabic_script_kazakh(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "قوبىز", "lang": "kk"})
    assert [(h["id"], h["title"]) for h in response.json()][:1] == [("kobyz", "Қобыз")]


def test_search_filters_by_kind_and_limits(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "dombra", "kind": "program", "limit": 1})
    assert [(h["kind"], h["id"]) for h in response.json()] == [("program", "dombra-kids")]


def test_search_never_returns_unpublished_things(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "Алтын адам көшірмесі"})
    assert "golden-man-copy" not in [h["id"] for h in response.json()]


def test_empty_query_returns_an_empty_list(client, corpus):  # noqa: F811
    assert client.get("/api/v1/search", {"q": ""}).json() == []


def test_hostile_query_returns_200(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": 'NEAR("x" *) AND OR -( ^:' + "я" * 5000})
    assert response.status_code == 200


def test_unknown_language_is_refused_in_the_callers_language(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "Абай", "lang": "de"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert response.json() == {"detail": "Запрос недействителен.", "errors": {"lang": [RU_CODES]}}


def test_unknown_kind_is_refused_in_the_callers_language(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "Абай", "kind": "book"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 400
    assert response.json()["errors"] == {"kind": [KK_KINDS]}


def test_limit_out_of_range_is_refused(client, corpus):  # noqa: F811
    response = client.get("/api/v1/search", {"q": "Абай", "limit": 1000}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求无效。", "errors": {"limit": ["最多 100。"]}}


def test_openapi_lists_the_search_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "lang", "limit"}

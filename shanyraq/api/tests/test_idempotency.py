"""A retried registration with the same Idempotency-Key gets the first answer, never a second seat."""

from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from shanyraq.api.idempotency import REPLAY_HEADER, idempotency_prune
from shanyraq.api.models import IdempotentRequest
from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session
from shanyraq.programs.tests.test_concurrency import Server

BODY = {"name": "Li Wei", "email": "li@example.org", "language": "zh-hans"}


def _post(client, session, key=None, language_header="en", **extra):
    headers = {"HTTP_ACCEPT_LANGUAGE": language_header}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(
        f"/api/v1/sessions/{session.pk}/registrations",
        {**BODY, **extra},
        content_type="application/json",
        **headers,
    )


@pytest.mark.django_db
def test_a_retry_with_the_same_key_replays_the_first_answer_and_takes_no_second_seat(client):
    session = make_session(capacity=5)
    first = _post(client, session, key="k-1")
    again = _post(client, session, key="k-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.json()[0]["code"]
    assert (first.get(REPLAY_HEADER), again[REPLAY_HEADER]) == (None, "true")
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_retry_without_a_key_is_still_refused_as_already_registered(client):
    session = make_session(capacity=5)
    _post(client, session)
    again = _post(client, session)
    assert again.status_code == 422 and Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_key_reused_for_a_different_request_is_refused_in_the_callers_language(client):
    session = make_session(capacity=5)
    _post(client, session, key="k-2")
    other = _post(
        client, session, key="k-2", name="Wang Fang", email="wang@example.org", language_header="ru"
    )
    assert other.status_code == 422
    assert other.json()["detail"] == "Этот ключ Idempotency-Key уже использован для другого запроса."
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_or_overlong_key_is_refused_before_anything_is_written(client):
    session = make_session(capacity=5)
    assert _post(client, session, key=" ").status_code == 400
    assert _post(client, session, key="x" * 256).status_code == 400
    assert Registration.objects.count() == 0 and IdempotentRequest.objects.count() == 0


@pytest.mark.django_db
def test_refused_requests_are_replayed_too(client):
    session = make_session(capacity=5)
    bad = _post(client, session, key="k-3", language="de")
    assert bad.status_code == 422
    assert _post(client, session, key="k-3", language="de")[REPLAY_HEADER] == "true"


@pytest.mark.django_db
def test_answers_are_forgotten_after_a_day(client, clock):
    session = make_session(capacity=5)
    _post(client, session, key="k-4")
    clock.shift(dt.timedelta(hours=23))
    assert idempotency_prune() == 0
    clock.shift(dt.timedelta(hours=2))
    assert idempotency_prune() == 1 and IdempotentRequest.objects.count() == 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_concurrent_requests_take_one_seat_and_all_get_the_same_ticket():
    session = make_session(program=ProgramFactory(), space=SpaceFactory(capacity=10))
    server = Server()
    try:
        server.wait(f"/api/v1/sessions/{session.pk}")
        url = f"{server.url}/api/v1/sessions/{session.pk}/registrations"
        key = str(uuid.uuid4())

        def post(_i: int):
            response = requests.post(url, json=BODY, headers={"Idempotency-Key": key}, timeout=60)
            return response.status_code, response.json()[0]["code"]

        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(post, range(20)))
    finally:
        server.stop()
    codes = {code for _status, code in answers}
    assert [status for status, _code in answers] == [201] * 20
    assert len(codes) == 1
    assert list(Registration.objects.values_list("code", flat=True)) == list(codes)

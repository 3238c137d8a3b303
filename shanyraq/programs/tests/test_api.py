import pytest

from shanyraq.programs.models import Program, Registration
from shanyraq.programs.tests.factories import ProgramFactory, make_session

pytestmark = pytest.mark.django_db


def _post(client, session, **payload):
    body = {"name": "Li Wei", "email": "li@example.org", "language": "zh-hans", **payload}
    return client.post(f"/api/v1/sessions/{session.pk}/registrations", body, content_type="application/json")


def test_program_list_gives_translated_titles_as_a_dict(client):
    ProgramFactory(title_en="Dombra", title_zh_hans="冬不拉", title_kk="Домбыра", title_ru="Домбра")
    ProgramFactory(is_published=False)
    data = client.get("/api/v1/programs").json()
    assert [p["title"] for p in data] == [
        {"zh-hans": "冬不拉", "en": "Dombra", "kk": "Домбыра", "ru": "Домбра"}
    ]


def test_program_detail_lists_sessions_with_seats_left(client):
    program = ProgramFactory()
    session = make_session(program=program, capacity=5)
    data = client.get(f"/api/v1/programs/{program.pk}").json()
    assert [(s["id"], s["seats_left"]) for s in data["sessions"]] == [(session.pk, 5)]


def test_session_endpoint_counts_seats_left(client):
    session = make_session(capacity=3)
    _post(client, session)
    assert client.get(f"/api/v1/sessions/{session.pk}").json()["seats_left"] == 2


def test_post_registration_confirms_then_queues(client):
    session = make_session(capacity=1)
    first = _post(client, session).json()
    second = _post(client, session, name="Wang", email="w@example.org").json()
    assert (first[0]["status"], second[0]["status"], second[0]["position"]) == ("confirmed", "waiting", 1)


def test_unknown_language_code_is_refused(client):
    session = make_session()
    response = _post(client, session, language="de")
    assert response.status_code == 422 and "language" in response.json()["errors"]
    assert Registration.objects.count() == 0


def test_honeypot_registration_is_accepted_but_not_written(client):
    response = _post(client, make_session(), website="x")
    assert response.status_code == 202 and Registration.objects.count() == 0


def test_registration_is_rate_limited_per_ip(client, settings):
    settings.PROGRAMS_REGISTRATION_RATE = "2/600"
    session = make_session()
    codes = [_post(client, session, name=f"N{i}", email=f"n{i}@example.org").status_code for i in range(3)]
    assert codes == [201, 201, 429]
    assert Registration.objects.count() == 2


def test_cancel_endpoint_takes_the_signed_token(client):
    session = make_session()
    token = _post(client, session).json()[0]["cancel_token"]
    response = client.post("/api/v1/registrations/cancel", {"token": token}, content_type="application/json")
    assert response.json()["status"] == "cancelled"
    assert (
        client.post(
            "/api/v1/registrations/cancel", {"token": token + "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_validation_errors_come_back_as_422(client):
    response = _post(client, make_session(), email="not-an-email")
    assert response.status_code == 422 and "email" in response.json()["errors"]


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/programs",
        "/api/v1/programs/{program_id}",
        "/api/v1/sessions/{session_id}",
        "/api/v1/sessions/{session_id}/registrations",
        "/api/v1/registrations/cancel",
    } <= set(paths)


def test_a_course_session_registers_for_the_whole_course(client):
    program = ProgramFactory(kind=Program.Kind.COURSE)
    session = make_session(program=program)
    _post(client, session)
    assert Registration.objects.get().session_id is None

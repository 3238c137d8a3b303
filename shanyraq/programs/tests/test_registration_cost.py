"""The cost of one public registration, in SQL queries: the hot path of a registration burst.

One registration is: the session, the new person and its audit row, the pool lock, the booker's
earlier registrations, the seat count, the insert, its audit row and the stored e-mail (rendered
from objects already in memory; the calendar file and the QR ticket are made at send time).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shanyraq.mail.models import OutboxMessage
from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _memory_cache(settings):
    """The per-IP rate limit counts in the cache; on PostgreSQL CI that is the database cache, whose
    queries are not the registration's own (production can use Redis or the database)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


BODY = {"name": "Li Wei", "email": "li@example.org", "language": "zh-hans"}


def _post(client, session):
    return client.post(f"/api/v1/sessions/{session.pk}/registrations", BODY, content_type="application/json")


def test_one_registration_runs_at_most_fifteen_queries(client, django_assert_max_num_queries):
    session = make_session(capacity=5)
    with django_assert_max_num_queries(15):  # 9 statements + 3 savepoints and their releases
        response = _post(client, session)
    assert response.status_code == 201
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.count() == 1


def test_registration_statements_are_the_expected_ones(client):
    session = make_session(capacity=5)
    with CaptureQueriesContext(connection) as captured:
        _post(client, session)
    statements = [
        q["sql"].split()[0] + " " + q["sql"].split('"')[1]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert statements == [
        "SELECT programs_session",
        "INSERT people_person",
        "INSERT core_auditevent",
        "SELECT programs_session",
        "SELECT programs_registration",
        "SELECT programs_registration",
        "INSERT programs_registration",
        "INSERT core_auditevent",
        "INSERT mail_outboxmessage",
    ]

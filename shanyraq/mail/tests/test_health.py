import datetime as dt

import pytest
from django.utils import timezone

from shanyraq.mail.health import pending_emails
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_health_fails_when_a_message_waited_over_an_hour_and_reports_counts(clock):
    OutboxMessageFactory(status=OutboxMessage.Status.FAILED)
    assert pending_emails().ok is True
    OutboxMessageFactory(created_at=timezone.now() - dt.timedelta(minutes=61))
    status = pending_emails()
    assert (status.ok, status.detail) == (
        False,
        {
            "pending": 1,
            "sending": 0,
            "sent": 0,
            "failed": 1,
            "oldest_pending_seconds": status.detail["oldest_pending_seconds"],
            "alarm_seconds": 3600,
        },
    )
    assert 3660 <= status.detail["oldest_pending_seconds"] < 3700

"""Two members asking each other at the same moment get one tandem; two scheduler workers remind once."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from shanyraq.exchange.models import Tandem
from shanyraq.exchange.services import tandems
from shanyraq.exchange.tests.factories import member_make
from shanyraq.mail.models import OutboxMessage
from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db(transaction=True)


def race(targets) -> tuple[list, list]:
    """Run each target in its own thread, released together; return (results, errors)."""
    results, errors = [], []
    barrier = threading.Barrier(len(targets))

    def run(target):
        try:
            barrier.wait()
            results.append(target())
        except ValidationError as exc:
            errors.append(exc.messages[0])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_two_members_asking_each_other_at_once_get_one_tandem(clock):
    li = member_make(speaks={"zh": 7}, learns={"kk": 2})
    aigerim = member_make(speaks={"kk": 7}, learns={"zh": 2})
    results, errors = race(
        [
            lambda: tandems.tandem_request(member=li, partner=aigerim),
            lambda: tandems.tandem_request(member=aigerim, partner=li),
        ]
    )
    assert (len(results), errors) == (1, ["You already have a request or a tandem with this member."])
    assert Tandem.objects.count() == 1


def test_two_workers_send_one_reminder_per_member(clock):
    li = member_make(speaks={"zh": 7}, learns={"kk": 2})
    aigerim = member_make(speaks={"kk": 7}, learns={"zh": 2})
    tandem = tandems.tandem_decide(
        tandem=tandems.tandem_request(member=li, partner=aigerim), member=aigerim, accept=True
    )
    room = Space.objects.create(slug="room-r", kind="classroom", name_en="Room R")
    start = timezone.now() + dt.timedelta(hours=5)
    tandems.meeting_book(tandem=tandem, member=li, space=room, start=start, end=start + dt.timedelta(hours=1))
    results, errors = race([tandems.reminders_send, tandems.reminders_send])
    assert (sorted(results), errors) == ([0, 1], [])
    assert OutboxMessage.objects.filter(topic="exchange.reminder").count() == 2

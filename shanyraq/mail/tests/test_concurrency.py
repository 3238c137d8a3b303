"""Real threads: two workers never send one message twice, and SMTP never runs inside a transaction."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from shanyraq.library.models import Loan
from shanyraq.library.services import circulation as circ
from shanyraq.library.tests.factories import CopyFactory, PatronFactory
from shanyraq.mail import services
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.tests import backends
from shanyraq.mail.tests.factories import OutboxMessageFactory
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, make_session

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _race(workers: int = 2) -> list[services.SendReport]:
    barrier = threading.Barrier(workers)
    reports: list = [None] * workers

    def work(i: int) -> None:
        try:
            barrier.wait()
            reports[i] = services.outbox_send_due()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return reports


def test_two_workers_sending_at_once_deliver_each_message_exactly_once(smtp):
    smtp.delay = 0.01
    OutboxMessageFactory.create_batch(30)
    reports = _race()
    assert sum(r.sent for r in reports) == 30
    assert len(smtp.messages) == 30
    assert len(set(smtp.recipients())) == 30
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_control_without_the_atomic_claim_the_same_race_sends_duplicates(smtp, monkeypatch):
    """The guard matters: a claim that does not check the row is still due lets both workers send."""

    def claim_without_condition(pk, now):
        OutboxMessage.objects.filter(pk=pk).update(status="sending", claimed_at=now)
        return True

    monkeypatch.setattr(services, "_claim", claim_without_condition)
    smtp.delay = 0.01
    OutboxMessageFactory.create_batch(30)
    _race()
    assert len(smtp.messages) > 30


def test_no_message_is_sent_while_a_transaction_is_open(settings):
    settings.EMAIL_BACKEND = "shanyraq.mail.tests.backends.TransactionWitnessBackend"
    backends.SENT_IN_TRANSACTION.clear()
    session = make_session(capacity=5, days=3)
    registration_create(session=session, person=PersonFactory())
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    Loan.objects.filter(pk=loan.pk).update(due_on=loan.due_on - dt.timedelta(days=60))
    assert circ.loans_remind_overdue() == 1  # used to send inside its atomic() block
    assert not connection.in_atomic_block
    assert backends.SENT_IN_TRANSACTION == [False, False]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_the_database_worker_sends_what_a_committed_registration_stored(smtp, settings):
    """The production path: commit -> a task row in the database queue -> db_worker -> SMTP."""
    import io

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    session = make_session(capacity=5, days=3)
    registration_create(session=session, person=PersonFactory(email="li@example.org"))
    assert (OutboxMessage.objects.get().status, DBTaskResult.objects.count()) == ("pending", 1)
    assert smtp.messages == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    assert smtp.recipients() == ["li@example.org"]
    assert OutboxMessage.objects.get().status == "sent"

"""The outbox against a real SMTP server: never lost, never sent twice, never sent inside a transaction."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from shanyraq.library.models import Copy, Hold, Loan
from shanyraq.library.services import circulation as circ
from shanyraq.library.tests.factories import CopyFactory, PatronFactory
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.services import (
    ERASED,
    Attachment,
    LaterAttachment,
    outbox_enqueue,
    outbox_erase_for,
    outbox_prune,
    outbox_retry,
    outbox_send_due,
)
from shanyraq.mail.tests.factories import OutboxMessageFactory
from shanyraq.programs.models import Registration
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, make_session

pytestmark = [pytest.mark.django_db]
Status = OutboxMessage.Status


@pytest.mark.slow
def test_twenty_registrations_are_saved_while_smtp_is_down_and_delivered_exactly_once_when_it_returns(
    smtp_server, clock, django_capture_on_commit_callbacks
):
    session = make_session(capacity=30, days=3)
    addresses = [f"visitor{i:02d}@example.org" for i in range(20)]
    for address in addresses:
        with django_capture_on_commit_callbacks(execute=True):  # the immediate try after each commit
            registration_create(session=session, person=PersonFactory(email=address, language="ru"))

    assert Registration.objects.filter(session=session, status="confirmed").count() == 20
    waiting = OutboxMessage.objects.order_by("pk")
    assert [(m.status, m.attempts) for m in waiting] == [(Status.PENDING, 1)] * 20
    assert {m.last_error.split(":")[0] for m in waiting} == {"ConnectionRefusedError"}
    assert smtp_server.inbox.messages == []

    smtp_server.start()
    clock.shift(dt.timedelta(seconds=61))  # past the first back-off
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "outbox: 20 sent, 0 to retry, 0 failed"
    assert smtp_server.inbox.recipients() == addresses
    assert [m.status for m in OutboxMessage.objects.all()] == [Status.SENT] * 20

    clock.shift(dt.timedelta(hours=1))
    assert outbox_send_due().sent == 0
    assert len(smtp_server.inbox.messages) == 20


@pytest.mark.slow
def test_a_hold_and_a_loan_are_saved_while_smtp_is_down_and_the_hold_mail_follows(
    smtp_server, clock, django_capture_on_commit_callbacks
):
    copy = CopyFactory()
    reader = PatronFactory(person=PersonFactory(email="waiting@example.org", language="kk"))
    loan = circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    hold = circ.hold_place(record=copy.record, patron=reader)
    with django_capture_on_commit_callbacks(execute=True):
        circ.copy_checkin(barcode=copy.barcode)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY
    loan = circ.copy_checkout(barcode=copy.barcode, patron=reader)
    assert Loan.objects.get(pk=loan.pk).returned_at is None
    assert Copy.objects.get(pk=copy.pk).status == Copy.Status.ON_LOAN
    (message,) = OutboxMessage.objects.all()
    assert (message.status, message.related_type, message.related_id) == (
        Status.PENDING,
        "library.hold",
        str(hold.pk),
    )

    smtp_server.start()
    clock.shift(dt.timedelta(minutes=2))
    assert outbox_send_due().sent == 1
    (delivered,) = smtp_server.inbox.parsed()
    assert (delivered["To"], str(delivered["Subject"]).strip()) == (
        "waiting@example.org",
        "Кітабыңыз дайын, алып кетуге болады",
    )


def test_the_message_commits_and_rolls_back_with_the_change_it_reports():
    session = make_session(capacity=5, days=3)
    with pytest.raises(RuntimeError), transaction.atomic():
        registration_create(session=session, person=PersonFactory())
        assert OutboxMessage.objects.count() == 1
        raise RuntimeError("the registration fails after the e-mail was written")
    assert (Registration.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_sending_inside_a_transaction_is_refused():
    OutboxMessageFactory()
    with transaction.atomic(), pytest.raises(RuntimeError, match="inside a transaction"):
        outbox_send_due()
    assert OutboxMessage.objects.get().status == Status.PENDING


def test_failures_back_off_exponentially_then_the_message_is_marked_failed(smtp_server, settings, clock):
    settings.MAIL_MAX_ATTEMPTS = 4
    message = OutboxMessageFactory(next_attempt_at=timezone.now())
    waits = []
    for _attempt in range(4):
        clock.move_to(OutboxMessage.objects.get(pk=message.pk).next_attempt_at + dt.timedelta(seconds=1))
        before = timezone.now()
        assert outbox_send_due().sent == 0
        message.refresh_from_db()
        waits.append(round((message.next_attempt_at - before).total_seconds() / 60))
    assert (message.status, message.attempts) == (Status.FAILED, 4)
    assert waits == [1, 2, 4, 0]  # minutes until the next try; none after the last
    assert message.last_error.startswith("ConnectionRefusedError: ")


def test_a_refused_recipient_is_recorded_without_the_address_and_the_rest_are_sent(smtp, clock):
    smtp.refuse.add("gone@example.org")
    refused = OutboxMessageFactory(to_email="gone@example.org")
    fine = OutboxMessageFactory(to_email="here@example.org")
    report = outbox_send_due()
    assert (report.sent, report.retrying) == (1, 1)
    refused.refresh_from_db()
    fine.refresh_from_db()
    assert (refused.status, refused.last_error) == (Status.PENDING, "SMTPRecipientsRefused: 550")
    assert fine.status == Status.SENT
    assert smtp.recipients() == ["here@example.org"]


def test_stored_message_is_delivered_with_its_headers_html_and_attachments(smtp):
    outbox_enqueue(
        to="li@example.org",
        subject="Ваша\nрегистрация",
        body="Текст",
        html="<p>Текст</p>",
        language="ru",
        headers={"Content-Language": "ru"},
        attachments=[Attachment("a.txt", "файл".encode(), "text/plain")],
    )
    assert outbox_send_due().sent == 1
    (message,) = smtp.parsed()
    assert (str(message["Subject"]), message["Content-Language"]) == ("Ваша регистрация", "ru")
    assert message.get_body(preferencelist=("html",)).get_content().strip() == "<p>Текст</p>"
    (attachment,) = message.iter_attachments()
    assert (attachment.get_filename(), attachment.get_content()) == ("a.txt", "файл")


def test_staff_retry_sends_a_failed_message_again(smtp, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(status=Status.FAILED, attempts=12, last_error="SMTPDataError: 451")
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_retry(message=message) is True
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert outbox_retry(message=message) is False  # a sent message is never sent again
    assert len(smtp.messages) == 1


def test_a_claim_left_by_a_dead_worker_is_taken_again_after_the_claim_timeout(smtp, clock):
    message = OutboxMessageFactory(status=Status.SENDING, claimed_at=timezone.now(), attempts=1)
    assert outbox_send_due().sent == 0
    clock.shift(dt.timedelta(minutes=16))
    assert outbox_send_due().sent == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)


def test_erasure_deletes_unsent_and_blanks_sent_messages_of_that_address_only():
    pending = OutboxMessageFactory(to_email="Secret@Example.org")
    sent = OutboxMessageFactory(
        to_email="secret@example.org",
        status=Status.SENT,
        sent_at=timezone.now(),
        body="Dear Secret Name",
        related_type="library.hold",
        related_id="7",
        attachments=[{"filename": "t.png", "mimetype": "image/png", "content": ""}],
    )
    other = OutboxMessageFactory(to_email="other@example.org")
    assert outbox_erase_for("secret@example.org") == 2
    assert not OutboxMessage.objects.filter(pk=pending.pk).exists()
    sent.refresh_from_db()
    assert (sent.to_email, sent.subject, sent.body, sent.attachments, sent.related_id, sent.topic) == (
        ERASED,
        "",
        "",
        [],
        "",
        "test",
    )
    assert OutboxMessage.objects.get(pk=other.pk).to_email == "other@example.org"
    assert outbox_erase_for("") == 0


def test_prune_deletes_sent_messages_past_retention_only(clock):
    old = OutboxMessageFactory(status=Status.SENT, sent_at=timezone.now() - dt.timedelta(days=31))
    recent = OutboxMessageFactory(status=Status.SENT, sent_at=timezone.now() - dt.timedelta(days=29))
    pending = OutboxMessageFactory(created_at=timezone.now() - dt.timedelta(days=40))
    assert outbox_prune() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


def test_a_sent_message_cannot_lack_its_sending_time():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMessageFactory(status=Status.SENT, sent_at=None)


def test_an_attachment_made_at_send_time_must_come_from_a_marked_builder(smtp):
    outbox_enqueue(
        to="a@example.org",
        subject="QR",
        body="",
        language="en",
        attachments=[
            LaterAttachment("t.png", "image/png", "shanyraq.programs.tickets.qr_png", {"code": "K7"})
        ],
    )
    evil = outbox_enqueue(
        to="b@example.org",
        subject="no",
        body="",
        language="en",
        attachments=[LaterAttachment("x", "text/plain", "os.getcwd", {})],
    )
    report = outbox_send_due()
    assert (report.sent, report.retrying) == (1, 1)
    (png,) = next(iter(smtp.parsed())).iter_attachments()
    assert png.get_content()[:4] == b"\x89PNG"
    evil.refresh_from_db()
    assert evil.last_error == "ValueError: os.getcwd is not an outbox attachment builder"


def test_with_the_database_queue_the_send_task_commits_or_vanishes_with_its_message(settings):
    """One write transaction on the registration's hot path: the task row is written beside the message."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with transaction.atomic():
        kept = outbox_enqueue(to="kept@example.org", subject="Kept", body="b", language="en")
        assert DBTaskResult.objects.count() == 1  # already there, inside the transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(to="lost@example.org", subject="Lost", body="b", language="en")
        raise RuntimeError("the change fails after its e-mail was written")

    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["kept@example.org"]
    (task,) = DBTaskResult.objects.all()
    assert (task.task_path, task.args_kwargs) == (
        "shanyraq.mail.tasks.send_outbox_message",
        {"args": [kept.pk], "kwargs": {}},
    )

"""The outbox: store every message with the change it reports, send it later, outside any transaction.

- `outbox_enqueue` is called by the notifications modules INSIDE the caller's transaction: the
  rendered message is a row, committed (or rolled back) with the registration, hold or loan.
  After the commit a task tries to send it at once.
- `outbox_send_due` is the sender (the task, the periodic job and `manage.py send_outbox` all
  call it). It claims each row with one conditional UPDATE (pending and due -> sending), so
  two workers never send the same message; it talks to the SMTP server with no transaction
  open, so a slow or absent server never holds the database's write lock.
- A failure schedules the next try with exponential back-off; after `MAIL_MAX_ATTEMPTS` the
  message is marked failed and waits for a staff member's retry. The stored error carries no
  address or token (core.logging.redact).

A worker that dies between the SMTP answer and marking the row sent leaves it `sending`; it is
tried again after `MAIL_CLAIM_SECONDS`, the only case where a message may arrive twice.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from shanyraq.core.logging import redact
from shanyraq.core.services import audit_record
from shanyraq.mail import conf
from shanyraq.mail.models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
ERASED = "erased@invalid"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class LaterAttachment:
    """An attachment made at send time, outside the transaction, by `builder(**kwargs)`: for files
    that are slow to make and depend only on what never changes (a QR ticket from its code).
    `builder` is the dotted path of a function marked with @attachment_builder."""

    filename: str
    mimetype: str
    builder: str
    kwargs: dict


def attachment_builder(fn):
    """Mark a function as allowed to make outbox attachments at send time."""
    fn.outbox_attachment_builder = True
    return fn


def _stored_attachment(item: Attachment | LaterAttachment) -> dict:
    if isinstance(item, LaterAttachment):
        return {
            "filename": item.filename,
            "mimetype": item.mimetype,
            "builder": item.builder,
            "kwargs": item.kwargs,
        }
    return {
        "filename": item.filename,
        "mimetype": item.mimetype,
        "content": base64.b64encode(item.content).decode(),
    }


def _attachment_content(item: dict) -> bytes:
    if "builder" not in item:
        return base64.b64decode(item["content"])
    builder = import_string(item["builder"])
    if not getattr(builder, "outbox_attachment_builder", False):
        raise ValueError(f"{item['builder']} is not an outbox attachment builder")
    return builder(**item["kwargs"])


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: list[int] = field(default_factory=list)


def outbox_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    attachments: Iterable[Attachment | LaterAttachment] = (),
    related: models.Model | None = None,
    topic: str = "",
) -> OutboxMessage:
    """Store a rendered message; it is sent after the surrounding transaction commits."""
    message = OutboxMessage.objects.create(
        to_email=to.strip(),
        subject=" ".join(subject.split())[:300],  # one line, and never too long to store
        body=body,
        html=html,
        language=language,
        # Every message says its language; a caller's own headers come on top.
        headers={"Content-Language": language, **(headers or {})},
        attachments=[_stored_attachment(a) for a in attachments],
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
        topic=topic,
    )
    pk = message.pk
    if _queue_in_this_database():
        # The task row joins the message's transaction: both commit (or vanish) together, and the
        # hot path (a registration) pays for one write transaction, not two.
        _enqueue_send(pk)
    else:
        # A queue elsewhere (or the immediate backend, which would send inside the transaction):
        # enqueue after the commit. robust: the row is committed whatever happens to the queue;
        # the periodic job sends it then.
        transaction.on_commit(lambda: _enqueue_send(pk), robust=True)
    return message


def _queue_in_this_database() -> bool:
    """True when tasks are rows in our own database (django-tasks' DatabaseBackend, the default)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    from shanyraq.mail.tasks import send_outbox_message

    return isinstance(task_backends[send_outbox_message.backend], DatabaseBackend)


def _enqueue_send(pk: int) -> None:
    from shanyraq.mail.tasks import send_outbox_message

    send_outbox_message.enqueue(pk)


def _inside_transaction() -> bool:
    """True inside a real atomic block (the test case's own wrapping transaction does not count)."""
    connection = transaction.get_connection()
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _due(now: dt.datetime) -> Q:
    stale = now - conf.claim_timeout()
    return Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, claimed_at__lt=stale)


def _claim(pk: int, now: dt.datetime) -> bool:
    """Exactly one caller wins a due row: the UPDATE matches it once, then it is no longer due."""
    won = OutboxMessage.objects.filter(_due(now), pk=pk).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return won == 1


def _email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or None,
        to=[message.to_email],
        headers=message.headers,
        connection=connection,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], _attachment_content(item), item["mimetype"])
    return email


def describe_error(exc: BaseException) -> str:
    """A reason staff can act on, without the recipient's address or any token."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _msg in exc.recipients.values()})
        text = f"SMTPRecipientsRefused: {', '.join(map(str, codes))}"
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{type(exc).__name__}: {exc.smtp_code} {exc.smtp_error!r}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return redact(text)[:300]


def _connection_lost(exc: BaseException) -> bool:
    """The server is unreachable (not one message refused): stop the batch, the rest keep their turn."""
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def _record_failure(pk: int, exc: BaseException, now: dt.datetime) -> str:
    attempts = OutboxMessage.objects.filter(pk=pk).values_list("attempts", flat=True).first() or 0
    if attempts >= conf.max_attempts():
        status, next_at = Status.FAILED, now
    else:
        status, next_at = Status.PENDING, now + conf.retry_delay(attempts)
    OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(
        status=status, next_attempt_at=next_at, claimed_at=None, last_error=describe_error(exc)
    )
    logger.warning("outbox message %s not sent (attempt %s): %s", pk, attempts, describe_error(exc))
    return status


def outbox_send_due(
    *, ids: Iterable[int] | None = None, now: dt.datetime | None = None, limit: int | None = None
) -> SendReport:
    """Send every due message (or only `ids`), one SMTP connection for the batch."""
    if _inside_transaction():
        raise RuntimeError("outbox_send_due() must not run inside a transaction: SMTP would hold its locks")
    ids = None if ids is None else list(ids)
    report = SendReport()
    connection = None
    seen: set[int] = set()
    try:
        while limit is None or report.sent + report.retrying + report.failed < limit:
            moment = now or timezone.now()
            due = OutboxMessage.objects.filter(_due(moment)).exclude(pk__in=seen)
            if ids is not None:
                due = due.filter(pk__in=ids)
            batch = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:100])
            if not batch:
                break
            for pk in batch:
                seen.add(pk)
                if not _claim(pk, moment):
                    report.skipped.append(pk)  # another worker has it
                    continue
                message = OutboxMessage.objects.get(pk=pk)
                try:
                    if connection is None:
                        connection = get_connection(timeout=conf.smtp_timeout())
                        connection.open()
                    _email(message, connection).send()
                except Exception as exc:
                    if _record_failure(pk, exc, moment) == Status.FAILED:
                        report.failed += 1
                    else:
                        report.retrying += 1
                    if _connection_lost(exc):
                        return report
                    continue
                OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(
                    status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
                )
                report.sent += 1
    finally:
        if connection is not None:
            with contextlib.suppress(Exception):  # a broken connection must not hide the report
                connection.close()
    return report


def outbox_retry(*, message: OutboxMessage, actor=None) -> bool:
    """Staff ask for another try now (a failed message starts counting its attempts again)."""
    now = timezone.now()
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk, status__in=[Status.FAILED, Status.PENDING]
        ).update(status=Status.PENDING, attempts=0, next_attempt_at=now, claimed_at=None)
        if updated:
            audit_record(actor=actor, action="mail.retry", target=message)
            pk = message.pk
            transaction.on_commit(lambda: _enqueue_send(pk), robust=True)
    return bool(updated)


def outbox_erase_for(email: str) -> int:
    """Erasure: nothing addressed to `email` is sent any more, and no message keeps their data.

    Unsent messages are deleted; sent ones keep only their kind, status and dates (for counts),
    with the address, subject, text, headers, attachments and the link to the record replaced.
    Returns the number of messages touched. The privacy service calls this.
    """
    email = (email or "").strip()
    if not email:
        return 0
    return _outbox_erase(OutboxMessage.objects.filter(to_email__iexact=email))


def outbox_erase_about(*, related_type: str, ids: Iterable) -> int:
    """Anonymization: the messages about these records (e.g. loans whose reader is forgotten)
    keep no address or text either. `related_type` is the model's label_lower."""
    ids = [str(i) for i in ids]
    touched = 0
    for i in range(0, len(ids), 900):
        touched += _outbox_erase(
            OutboxMessage.objects.filter(related_type=related_type, related_id__in=ids[i : i + 900])
        )
    return touched


def _outbox_erase(mine) -> int:
    with transaction.atomic():
        deleted, _by_model = mine.exclude(status=Status.SENT).delete()
        scrubbed = mine.filter(status=Status.SENT).update(
            to_email=ERASED,
            from_email="",
            subject="",
            body="",
            html="",
            headers={},
            attachments=[],
            related_id="",
            last_error="",
        )
    return deleted + scrubbed


def outbox_prune(*, now: dt.datetime | None = None) -> int:
    """Delete sent messages older than MAIL_KEEP_SENT_DAYS: their text is not kept for ever."""
    now = now or timezone.now()
    deleted, _by_model = OutboxMessage.objects.filter(
        status=Status.SENT, sent_at__lt=now - conf.keep_sent()
    ).delete()
    return deleted


def person_forget(*, person, actor=None) -> Iterable[str]:
    """Erasure hook (people.conf.DEFAULT_ERASURE_HOOKS): the person's messages in the outbox."""
    outbox_erase_for(person.email)
    return []

"""Sending a mailing: per reader exactly once, throttled, surviving a worker that is killed.

Each reader has a Delivery row. A worker claims a batch with one conditional UPDATE (pending ->
claimed, with its name), so two workers never hold the same row. For each message it speaks SMTP
up to the last line of DATA, then marks the row `handed` (committed), then sends the end-of-data
dot and reads the answer, then (in batches) marks rows `sent`.

A worker killed at any moment leaves rows:
- `claimed`: the server never received the end of the message, so it discarded it; the row is
  sent again (after NEWSLETTER_CLAIM_SECONDS, or at once when the dead worker was on this host);
- `handed`: the server received the whole message, or the worker died while its `handed` commit
  was in flight or before writing the dot (a few ms on PostgreSQL): the row counts as sent and is
  never sent again, so that one message may be lost but never arrives twice.
So a crash never delivers a message twice (docs/decisions/019-newsletter.md).

Failures: a 4xx answer is retried with the outbox's back-off (MAIL_RETRY_*); a 5xx answer (hard
bounce) fails the delivery and counts against the address, which is suppressed after
NEWSLETTER_BOUNCES_TO_SUPPRESS of them. A lost connection returns the worker's rows and stops.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import smtplib
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection as db_connection
from django.db import connections as db_connections
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from shanyraq.core.services import audit_record
from shanyraq.mail import conf as mail_conf
from shanyraq.mail.services import _inside_transaction, describe_error
from shanyraq.newsletter import conf, rendering
from shanyraq.newsletter.models import Delivery, Mailing, Subscriber, Suppression
from shanyraq.newsletter.services.subscribers import suppression_add

D = Delivery.Status
CRLF = b"\r\n"
HOST = socket.gethostname()
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    stopped: str = ""
    errors: list[str] = field(default_factory=list)


# --- starting a mailing ---------------------------------------------------------------------------


def recipients(mailing: Mailing):
    """Confirmed, unsuppressed readers of the mailing's topics in a language that has text."""
    readers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, suppressed=False)
    if mailing.topics:
        q = Q()
        for topic in mailing.topics:
            q |= (
                Q(topics__contains=topic) if _json_contains_supported() else Q(topics__icontains=f'"{topic}"')
            )
        readers = readers.filter(q)
    languages = [code for code, ed in rendering.editions(mailing).items() if ed is not None]
    return readers.filter(language__in=languages)


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def mailing_start(*, mailing: Mailing, actor=None) -> int:
    """Write one delivery per reader and hand the mailing to the worker. Idempotent."""
    problems = rendering.size_problems(mailing)
    if problems:
        from django.core.exceptions import ValidationError

        raise ValidationError(problems)
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status == Mailing.Status.SENT:
            return 0
        rows = recipients(mailing).values_list("pk", "email", "language")
        batch, created = [], 0
        for pk, email, language in rows.iterator(chunk_size=2000):
            batch.append(Delivery(mailing=mailing, subscriber_id=pk, email=email, language=language))
            if len(batch) >= 2000:
                created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
        mailing.status = Mailing.Status.SENDING
        mailing.started_at = mailing.started_at or timezone.now()
        mailing.save(update_fields=["status", "started_at"])
        audit_record(actor=actor, action="newsletter.start", target=mailing, deliveries=created)
        pk = mailing.pk
        transaction.on_commit(lambda: _enqueue(pk), robust=True)
    return created


def _enqueue(pk: int) -> None:
    from shanyraq.newsletter.tasks import send_mailing

    send_mailing.enqueue(pk)


def mailing_schedule(*, mailing: Mailing, at: dt.datetime, actor=None) -> Mailing:
    problems = rendering.size_problems(mailing)
    if problems:
        from django.core.exceptions import ValidationError

        raise ValidationError(problems)
    with transaction.atomic():
        updated = Mailing.objects.filter(
            pk=mailing.pk, status__in=[Mailing.Status.DRAFT, Mailing.Status.SCHEDULED]
        ).update(status=Mailing.Status.SCHEDULED, scheduled_at=at)
        if updated:
            audit_record(
                actor=actor, action="newsletter.schedule", target=mailing, data={"at": at.isoformat()}
            )
    mailing.refresh_from_db()
    return mailing


def mailing_unschedule(*, mailing: Mailing, actor=None) -> Mailing:
    Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SCHEDULED).update(
        status=Mailing.Status.DRAFT, scheduled_at=None
    )
    mailing.refresh_from_db()
    return mailing


def send_due(*, now: dt.datetime | None = None) -> SendReport:
    """The scheduler's job: start scheduled mailings whose time has come, and send (or resume,
    after a crash) every mailing that is going out."""
    now = now or timezone.now()
    for mailing in Mailing.objects.filter(status=Mailing.Status.SCHEDULED, scheduled_at__lte=now):
        mailing_start(mailing=mailing)
    total = SendReport()
    for pk in Mailing.objects.filter(status=Mailing.Status.SENDING).values_list("pk", flat=True):
        report = mailing_send(mailing_id=pk)
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed
    return total


# --- SMTP ----------------------------------------------------------------------------------------


class HandoffSMTP(smtplib.SMTP):
    """smtplib with a pause before the end-of-data dot, where the caller commits `handed`."""

    def data_handoff(self, msg: bytes, before_end: Callable[[], bool]) -> None:
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        q = re.sub(rb"(?m)^\.", b"..", re.sub(rb"(?:\r\n|\n|\r(?!\n))", CRLF, msg))
        if not q.endswith(CRLF):
            q += CRLF
        self.send(q)
        if not before_end():
            raise _Abandon()
        self.send(b"." + CRLF)
        code, reply = self.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)


class _Abandon(Exception):
    """Our claim was taken over: drop the connection, so the server discards the message."""


def _connect() -> HandoffSMTP:
    timeout = mail_conf.smtp_timeout()
    if getattr(settings, "EMAIL_USE_SSL", False):
        raise smtplib.SMTPException("EMAIL_USE_SSL is not supported by the newsletter sender; use STARTTLS")
    smtp = HandoffSMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=timeout)
    # The message and its end-of-data dot are two writes: without NODELAY, Nagle's algorithm holds
    # the dot until the server's delayed ACK (40 ms), capping a connection at ~20 messages/s.
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    smtp.ehlo()
    if getattr(settings, "EMAIL_USE_TLS", False):
        smtp.starttls()
        smtp.ehlo()
    if settings.EMAIL_HOST_USER:
        smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    return smtp


def _django_email(ed: rendering.Edition, delivery: Delivery, key: str) -> EmailMultiAlternatives:
    text, html, headers = rendering.addressed(ed, subscriber_id=delivery.subscriber_id or 0)
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "localhost"
    email = EmailMultiAlternatives(
        ed.subject,
        text,
        conf.from_email(),
        [delivery.email],
        headers={**headers, "Message-ID": f"<{key}@{domain}>"},
    )
    email.attach_alternative(html, "text/html")
    return email


def _envelope_from() -> str:
    from email.utils import parseaddr

    return parseaddr(conf.from_email())[1]


# --- claiming and recovering --------------------------------------------------------------------


def worker_name() -> str:
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_workers(mailing_id: int) -> list[str]:
    """Workers on this host holding rows of the mailing whose process is gone."""
    names = (
        Delivery.objects.filter(mailing_id=mailing_id, status__in=[D.CLAIMED, D.HANDED])
        .values_list("worker", flat=True)
        .distinct()
    )
    dead = []
    for name in names:
        host, _sep, rest = name.partition(":")
        pid = rest.split(":", 1)[0]
        if host == HOST and pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            dead.append(name)
    return dead


def recover(mailing_id: int, now: dt.datetime) -> None:
    """Rows of dead workers: `claimed` -> pending (the server discarded them), `handed` -> sent."""
    stale = Q(claimed_at__lt=now - conf.claim_timeout()) | Q(worker__in=_dead_workers(mailing_id))
    rows = Delivery.objects.filter(stale, mailing_id=mailing_id)
    rows.filter(status=D.HANDED).update(status=D.SENT, sent_at=now, worker="", claimed_at=None)
    rows.filter(status=D.CLAIMED).update(status=D.PENDING, worker="", claimed_at=None)


def _claim(mailing_id: int, worker: str, now: dt.datetime, size: int) -> list[Delivery]:
    """The next batch of due rows, now ours; empty only when nothing is due. A batch another worker
    (or connection) claimed first is not an end: look again, until a claim wins or nothing is due."""
    due = Delivery.objects.filter(mailing_id=mailing_id, status=D.PENDING, next_attempt_at__lte=now)
    while True:
        ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return []
        # One conditional UPDATE: a row another worker claimed in between is no longer pending.
        Delivery.objects.filter(pk__in=ids, status=D.PENDING).update(
            status=D.CLAIMED, worker=worker, claimed_at=now, attempts=F("attempts") + 1
        )
        mine = list(Delivery.objects.filter(pk__in=ids, status=D.CLAIMED, worker=worker).order_by("pk"))
        if mine:
            return mine


def _finish_if_done(mailing_id: int) -> bool:
    open_rows = Delivery.objects.filter(mailing_id=mailing_id, status__in=[D.PENDING, D.CLAIMED, D.HANDED])
    if open_rows.exists():
        return False
    Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).update(
        status=Mailing.Status.SENT, finished_at=timezone.now()
    )
    return True


def _hard_bounce(delivery: Delivery) -> None:
    if delivery.subscriber_id is None:
        return
    Subscriber.objects.filter(pk=delivery.subscriber_id).update(bounces=F("bounces") + 1)
    bounces = (
        Subscriber.objects.filter(pk=delivery.subscriber_id).values_list("bounces", flat=True).first() or 0
    )
    if bounces >= conf.bounces_to_suppress():
        suppression_add(delivery.email, Suppression.Reason.BOUNCED)


def _failed(delivery: Delivery, exc: BaseException, now: dt.datetime, report: SendReport) -> None:
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code = min(c for c, _m in exc.recipients.values())
    hard = code is not None and 500 <= code < 600
    if hard or delivery.attempts >= conf.max_attempts():
        status, next_at = D.FAILED, now
        report.failed += 1
    else:
        status, next_at = D.PENDING, now + mail_conf.retry_delay(delivery.attempts)
        report.retrying += 1
    Delivery.objects.filter(pk=delivery.pk, worker=delivery.worker).update(
        status=status, next_attempt_at=next_at, worker="", claimed_at=None, last_error=describe_error(exc)
    )
    if hard:
        _hard_bounce(delivery)


def _release(worker: str) -> None:
    Delivery.objects.filter(worker=worker, status=D.CLAIMED).update(
        status=D.PENDING, worker="", claimed_at=None
    )


def _handed_sql() -> str:
    qn = db_connection.ops.quote_name
    column = {name: qn(Delivery._meta.get_field(name).column) for name in ("id", "status", "worker")}
    return (
        f"UPDATE {qn(Delivery._meta.db_table)} SET {column['status']} = %s "
        f"WHERE {column['id']} = %s AND {column['status']} = %s AND {column['worker']} = %s"
    )


def _mark_handed(pk: int, worker: str) -> bool:
    """`claimed` -> `handed`, committed, if the row is still ours. The same conditional UPDATE as
    `Delivery.objects.filter(pk=pk, status=CLAIMED, worker=worker).update(status=HANDED)`, written
    once as SQL: it runs once per message, and building the ORM query cost the sender more CPU
    than the database's work (benchmarks: docs/benchmarks/newsletter.md)."""
    with db_connection.cursor() as cursor:
        cursor.execute(_handed_sql(), [D.HANDED, pk, D.CLAIMED, worker])
        return cursor.rowcount == 1


def _mark_sent(ids: list[int], worker: str) -> None:
    if ids:
        Delivery.objects.filter(pk__in=ids, status=D.HANDED, worker=worker).update(
            status=D.SENT, sent_at=timezone.now(), worker="", claimed_at=None
        )
        ids.clear()


def mailing_send(
    *,
    mailing_id: int,
    limit: int | None = None,
    rate: float | None = None,
    worker: str | None = None,
    connections: int | None = None,
) -> SendReport:
    """Send the mailing's due deliveries until none is left (or `limit` were handled).

    With NEWSLETTER_SMTP_CONNECTIONS > 1, that many SMTP connections send at once, each in its own
    thread with its own database connection and worker name, each claiming its own batches (the
    same claims that keep two worker processes apart). SMTP is a dialogue: one connection waits for
    the server's answer after every command, so a second connection keeps both the sender and the
    server busy. The rate is shared between them."""
    if _inside_transaction():
        raise RuntimeError("mailing_send() must not run inside a transaction")
    mailing = Mailing.objects.get(pk=mailing_id)
    editions = rendering.editions(mailing)
    worker = worker or worker_name()
    rate = conf.send_rate() if rate is None else rate
    count = conf.smtp_connections() if connections is None else max(1, connections)
    if limit is not None or settings.EMAIL_BACKEND != SMTP_BACKEND:
        count = 1  # a test's exact cut-off, or a backend without an SMTP dialogue to overlap
    if count == 1:
        report = _send_loop(mailing_id, editions, worker=worker, rate=rate, limit=limit)
    else:
        report = _send_parallel(mailing_id, editions, worker=worker, rate=rate / count, count=count)
    _finish_if_done(mailing_id)
    return report


def _send_parallel(mailing_id: int, editions, *, worker: str, rate: float, count: int) -> SendReport:
    reports: list[SendReport | BaseException | None] = [None] * count

    def run(i: int) -> None:
        try:
            reports[i] = _send_loop(mailing_id, editions, worker=f"{worker}.{i}", rate=rate, limit=None)
        except BaseException as exc:  # re-raised in the calling thread below
            reports[i] = exc
        finally:
            if i:
                db_connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,), name=f"newsletter-smtp-{i}") for i in range(1, count)]
    for thread in threads:
        thread.start()
    run(0)
    for thread in threads:
        thread.join()
    total = SendReport()
    for part in reports:
        if isinstance(part, BaseException):
            raise part
        total.sent += part.sent
        total.retrying += part.retrying
        total.failed += part.failed
        total.stopped = total.stopped or part.stopped
        total.errors += part.errors
    return total


def _send_loop(mailing_id: int, editions, *, worker: str, rate: float, limit: int | None) -> SendReport:
    """One SMTP connection's share: claim a batch, send it, until nothing is due."""
    report = SendReport()
    sender = _envelope_from()
    smtp: HandoffSMTP | None = None
    accepted: list[int] = []
    started, handled = time.monotonic(), 0
    direct = settings.EMAIL_BACKEND == SMTP_BACKEND
    try:
        while limit is None or handled < limit:
            now = timezone.now()
            recover(mailing_id, now)
            batch = _claim(mailing_id, worker, now, conf.batch_size())
            if not batch:
                break
            for delivery in batch:
                if limit is not None and handled >= limit:
                    break
                if rate > 0:  # throttle: the n-th message not before n / rate seconds
                    wait = started + handled / rate - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                handled += 1
                ed = editions.get(delivery.language)
                if ed is None:
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=D.FAILED, worker="", last_error="no text in this language"
                    )
                    report.failed += 1
                    continue
                key = f"nl{mailing_id}.{delivery.pk}"
                if not direct:  # a console / locmem / file backend (demo, development): no SMTP dialogue
                    if _mark_handed(delivery.pk, worker):
                        _django_email(ed, delivery, key).send()
                        accepted.append(delivery.pk)
                        report.sent += 1
                    continue
                raw = rendering.message_bytes(
                    ed, to=delivery.email, subscriber_id=delivery.subscriber_id or 0, message_key=key
                )
                try:
                    if smtp is None:
                        smtp = _connect()
                    code, reply = smtp.mail(sender)
                    if code != 250:
                        raise smtplib.SMTPSenderRefused(code, reply, sender)
                    code, reply = smtp.rcpt(delivery.email)
                    if code not in (250, 251):
                        smtp.rset()
                        raise smtplib.SMTPRecipientsRefused({delivery.email: (code, reply)})
                    smtp.data_handoff(raw, lambda pk=delivery.pk: _mark_handed(pk, worker))
                except _Abandon:
                    smtp.close()
                    smtp = None
                    continue
                except smtplib.SMTPDataError as exc:
                    _failed(delivery, exc, now, report)
                    continue
                except smtplib.SMTPRecipientsRefused as exc:
                    _failed(delivery, exc, now, report)
                    continue
                except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
                    # The server is gone: a `handed` row stays handed (its dot may have arrived).
                    Delivery.objects.filter(pk=delivery.pk, status=D.CLAIMED, worker=worker).update(
                        status=D.PENDING,
                        next_attempt_at=now + mail_conf.retry_delay(delivery.attempts),
                        last_error=describe_error(exc),
                        worker="",
                        claimed_at=None,
                    )
                    report.retrying += 1
                    report.stopped = describe_error(exc)
                    smtp = None
                    return report
                except smtplib.SMTPResponseException as exc:
                    _failed(delivery, exc, now, report)
                    continue
                accepted.append(delivery.pk)
                report.sent += 1
            _mark_sent(accepted, worker)
    finally:
        _mark_sent(accepted, worker)
        _release(worker)
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    return report


def mailing_progress(mailing: Mailing) -> dict[str, int]:
    counts = dict(
        Delivery.objects.filter(mailing=mailing)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent = counts.get(D.SENT, 0) + counts.get(D.HANDED, 0)
    pending = counts.get(D.PENDING, 0) + counts.get(D.CLAIMED, 0)
    failed = counts.get(D.FAILED, 0)
    total = sent + pending + failed
    return {
        "sent": sent,
        "pending": pending,
        "failed": failed,
        "total": total,
        "percent": round(100 * (sent + failed) / total) if total else 0,
    }

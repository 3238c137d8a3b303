"""Mailings against a real SMTP server (aiosmtpd): each reader's language, RFC 8058 headers that
work, hard bounces, and exactly one delivery per reader when the worker is killed halfway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.test import Client

from shanyraq.newsletter.models import Delivery, Mailing, Subscriber, Suppression, email_hash
from shanyraq.newsletter.services.sending import mailing_progress, mailing_send, mailing_start
from shanyraq.newsletter.tests.factories import SubscriberFactory

TEXTS = {
    "en": (
        "Winter at the center",
        "## Exhibitions\n\nFelt carpets from Almaty.\n\nMore: https://example.org/felt",
    ),
    "kk": ("Орталықтағы қыс", "## Көрмелер\n\nАлматының киіз кілемдері."),
    "ru": ("Зима в центре", "## Выставки\n\nВойлочные ковры из Алматы."),
}


def make_mailing(missing="fallback", **extra) -> Mailing:
    fields = {}
    for lang, (subject, body) in TEXTS.items():
        fields[f"subject_{lang}"], fields[f"body_{lang}"] = subject, body
    return Mailing.objects.create(title="Winter", missing=missing, **fields, **extra)


@pytest.mark.django_db
def test_each_reader_gets_one_message_in_their_language_with_both_parts_and_working_headers(
    smtp, clock, settings
):
    settings.NEWSLETTER_SEND_RATE = 0
    readers = {
        lang: SubscriberFactory(email=f"{lang}@example.org", language=lang)
        for lang in ("zh-hans", "en", "kk", "ru")
    }
    SubscriberFactory(email="paused@example.org", status="paused")
    mailing = make_mailing()
    assert mailing_start(mailing=mailing) == 4
    report = mailing_send(mailing_id=mailing.pk)
    assert (report.sent, report.failed) == (4, 0)
    assert smtp.recipients() == ["en@example.org", "kk@example.org", "ru@example.org", "zh-hans@example.org"]
    by_to = {m["To"]: m for m in smtp.parsed()}
    assert by_to["kk@example.org"]["Subject"] == "Орталықтағы қыс"
    assert by_to["ru@example.org"]["Content-Language"] == "ru"
    zh = by_to["zh-hans@example.org"]
    assert zh["Subject"] == "Winter at the center"  # no Chinese text: English, said so in Chinese
    zh_html = zh.get_body(("html",)).get_content()
    assert "这一期没有您的语言版本" in zh_html and '<div lang="en">' in zh_html
    for message in smtp.parsed():
        html, text = message.get_body(("html",)).get_content(), message.get_body(("plain",)).get_content()
        assert len(html.encode()) < 102_000 and "<img" not in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith(f"<{django_settings.SITE_URL}/newsletter/unsubscribe/")
        assert "/newsletter/preferences/" in text
    assert "https://example.org/felt" in by_to["en@example.org"].get_body(("html",)).get_content()
    assert Mailing.objects.get().status == "sent"
    assert mailing_progress(mailing) == {"sent": 4, "pending": 0, "failed": 0, "total": 4, "percent": 100}

    # RFC 8058: the mail program POSTs to the header's address, with no cookie and no CSRF token.
    url = by_to["kk@example.org"]["List-Unsubscribe"].strip("<>").removeprefix(django_settings.SITE_URL)
    answer = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    reader = Subscriber.objects.get(pk=readers["kk"].pk)
    assert (reader.status, reader.suppressed) == ("unsubscribed", True)
    assert Suppression.objects.filter(email_hash=email_hash("kk@example.org"), reason="unsubscribed").exists()
    assert reader.consents.get().source == "one_click"


@pytest.mark.django_db
def test_a_language_without_text_is_skipped_when_the_editor_says_so(smtp, settings):
    settings.NEWSLETTER_SEND_RATE = 0
    SubscriberFactory(email="zh@example.org", language="zh-hans")
    SubscriberFactory(email="en@example.org", language="en")
    mailing = make_mailing(missing="skip")
    assert mailing_start(mailing=mailing) == 1
    mailing_send(mailing_id=mailing.pk)
    assert smtp.recipients() == ["en@example.org"]


@pytest.mark.django_db
def test_topics_choose_the_readers(smtp, settings):
    settings.NEWSLETTER_SEND_RATE = 0
    SubscriberFactory(email="books@example.org", topics=["library"])
    SubscriberFactory(email="music@example.org", topics=["concerts"])
    mailing = make_mailing(topics=["library", "exhibitions"])
    mailing_start(mailing=mailing)
    mailing_send(mailing_id=mailing.pk)
    assert smtp.recipients() == ["books@example.org"]


@pytest.mark.django_db
def test_hard_bounces_fail_the_delivery_and_suppress_the_address_after_the_configured_count(smtp, settings):
    settings.NEWSLETTER_SEND_RATE, settings.NEWSLETTER_BOUNCES_TO_SUPPRESS = 0, 2
    SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="fine@example.org")
    smtp.refuse.add("gone@example.org")
    for round_ in (1, 2):
        mailing = make_mailing()
        mailing_start(mailing=mailing)
        report = mailing_send(mailing_id=mailing.pk)
        assert (report.sent, report.failed) == (1, 1)
        gone = Subscriber.objects.get(email="gone@example.org")
        assert (gone.bounces, gone.suppressed) == (round_, round_ == 2)
        assert Delivery.objects.get(mailing=mailing, email="gone@example.org").last_error.startswith(
            "SMTPRecipientsRefused: 550"
        )
    mailing = make_mailing()
    assert mailing_start(mailing=mailing) == 1  # the suppressed address is no longer a recipient


@pytest.mark.django_db
def test_an_unreachable_server_keeps_every_delivery_for_later(smtp_server, settings):
    settings.NEWSLETTER_SEND_RATE = 0
    for i in range(3):
        SubscriberFactory(email=f"r{i}@example.org")
    mailing = make_mailing()
    mailing_start(mailing=mailing)
    report = mailing_send(mailing_id=mailing.pk)
    assert (report.sent, report.retrying) == (0, 1)
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["pending"] * 3
    assert Mailing.objects.get().status == "sending"


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{os.path.abspath(s['NAME'])}"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _worker(mailing_id: int, port: int, crash: str = "", connections: int = 1) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shanyraq.newsletter.tests.settings_smtp",
        "DATABASE_URL": _database_url(),
        "TEST_SMTP_PORT": str(port),
        "NEWSLETTER_SEND_RATE": "0",
        "NEWSLETTER_TEST_CRASH": crash,
        "NEWSLETTER_SMTP_CONNECTIONS": str(connections),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "newsletter_send", "--mailing", str(mailing_id)],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


N = 300


@pytest.mark.slow
@pytest.mark.real_clock  # the worker is a separate process on the real clock
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("crash", ["before_handed", "after_dot"])
def test_a_worker_killed_halfway_and_started_again_delivers_every_reader_exactly_once(
    smtp_server, settings, crash
):
    """SIGKILL in the middle of the 150th message (its content sent, no dot yet: the server
    discards it), or right after its dot (the server accepts it); a second worker finishes."""
    # The task that mailing_start enqueues stays queued: only the worker subprocesses send.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    smtp_server.start()
    inbox = smtp_server.inbox
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{i:04d}@example.org",
            language=("zh-hans", "en", "kk", "ru")[i % 4],
            status="confirmed",
        )
        for i in range(N)
    )
    mailing = make_mailing()
    assert mailing_start(mailing=mailing) == N

    first = _worker(mailing.pk, smtp_server.port, crash=f"{crash}:{N // 2}")
    _out, err = first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL, err.decode()[-2000:]
    time.sleep(0.2)  # the server finishes what it received
    assert len(inbox.messages) == (N // 2 - 1 if crash == "before_handed" else N // 2)
    states = Counter(Delivery.objects.filter(mailing=mailing).values_list("status", flat=True))
    assert states["handed" if crash == "after_dot" else "claimed"] >= 1  # what the dead worker left

    second = _worker(mailing.pk, smtp_server.port)
    _out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err.decode()[-2000:]
    counts = Counter(inbox.recipients())
    assert sorted(counts) == [f"reader{i:04d}@example.org" for i in range(N)]
    assert set(counts.values()) == {1}
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == N
    assert Mailing.objects.get(pk=mailing.pk).status == "sent"


@pytest.mark.django_db(transaction=True)
def test_two_smtp_connections_share_a_mailing_and_each_reader_gets_it_once(smtp, settings):
    """The worker's default: two connections, each in its own thread claiming its own batches."""
    settings.NEWSLETTER_SEND_RATE, settings.NEWSLETTER_BATCH, settings.NEWSLETTER_SMTP_CONNECTIONS = 0, 10, 2
    settings.TASKS = {  # the send task stays queued: this test calls the worker's function itself
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"pair{i:03d}@example.org",
            language=("zh-hans", "en", "kk", "ru")[i % 4],
            status="confirmed",
        )
        for i in range(120)
    )
    mailing = make_mailing()
    mailing_start(mailing=mailing)
    report = mailing_send(mailing_id=mailing.pk)
    assert report.sent == 120
    counts = Counter(smtp.recipients())
    assert sorted(counts) == [f"pair{i:03d}@example.org" for i in range(120)]
    assert set(counts.values()) == {1}
    assert len(set(smtp.peers)) == 2  # both connections carried messages
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == 120
    assert Mailing.objects.get(pk=mailing.pk).status == "sent"


@pytest.mark.slow
@pytest.mark.real_clock  # the worker is a separate process on the real clock
@pytest.mark.django_db(transaction=True)
def test_a_worker_with_two_connections_killed_halfway_still_delivers_every_reader_once(smtp_server, settings):
    """Killed right after a dot while the other connection is mid-message: a second worker
    (also two connections) sends what is left, nobody twice, and nobody missed but at most the
    other connection's message in flight."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    smtp_server.start()
    inbox = smtp_server.inbox
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{i:04d}@example.org", language="en", status="confirmed") for i in range(N)
    )
    mailing = make_mailing()
    mailing_start(mailing=mailing)
    first = _worker(mailing.pk, smtp_server.port, crash=f"after_dot:{N // 2}", connections=2)
    _out, err = first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL, err.decode()[-2000:]
    time.sleep(0.2)
    assert 0 < len(inbox.messages) < N
    second = _worker(mailing.pk, smtp_server.port, connections=2)
    _out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err.decode()[-2000:]
    counts = Counter(inbox.recipients())
    assert set(counts.values()) == {1}  # nobody twice
    # The window decision 019 documents: when the kill came, the *other* connection may have
    # committed its `handed` mark and not yet written its dot; that one message is lost, never
    # sent twice (hit now and then in a full run). Every other reader has the mailing.
    missing = {f"reader{i:04d}@example.org" for i in range(N)} - set(counts)
    assert len(missing) <= 1, sorted(missing)
    assert Mailing.objects.get(pk=mailing.pk).status == "sent"


class _Greylisting:
    """A server that answers 451 (try later) to the first RCPT of each address, then accepts."""

    def __init__(self):
        self.seen: set[str] = set()
        self.accepted: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address not in self.seen:
            self.seen.add(address)
            return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.mark.django_db
def test_a_temporary_refusal_is_retried_after_the_back_off_and_then_delivered_once(settings, clock):
    import datetime as dt

    from aiosmtpd.controller import Controller

    from shanyraq.mail.tests.smtp import free_port

    handler, port = _Greylisting(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.NEWSLETTER_SEND_RATE, settings.MAIL_RETRY_BASE_SECONDS = 0, 60
        SubscriberFactory(email="grey@example.org")
        mailing = make_mailing()
        mailing_start(mailing=mailing)
        first = mailing_send(mailing_id=mailing.pk)
        assert (first.sent, first.retrying) == (0, 1)
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == ("pending", 1)
        assert delivery.last_error.startswith("SMTPRecipientsRefused: 451")
        assert mailing_send(mailing_id=mailing.pk).sent == 0  # not before the back-off
        clock.shift(dt.timedelta(seconds=61))
        assert mailing_send(mailing_id=mailing.pk).sent == 1
        assert handler.accepted == ["grey@example.org"]
        assert Mailing.objects.get().status == "sent"
        assert Subscriber.objects.get().bounces == 0  # a temporary refusal is no bounce
    finally:
        controller.stop()

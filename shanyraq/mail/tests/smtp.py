"""A real SMTP server for tests (aiosmtpd on localhost) that can be down, then up, on one port.

`smtp` fixture: the server is running and Django's SMTP backend points at it.
`smtp_server` fixture: the same, but stopped until the test calls `.start()`.
The root conftest.py registers this module as a plugin, so every test can ask for them.
"""

from __future__ import annotations

import email
import socket
import threading
import time
from email.policy import default

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """Collects what the server accepted; `delay` slows every message down (to widen races)."""

    def __init__(self, delay: float = 0.0):
        self.messages: list[tuple[list[str], bytes]] = []
        self.peers: list[tuple[str, int]] = []  # the client connection each message came over
        self.delay = delay
        self.refuse: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop: messages are taken one at a time
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
            self.peers.append(tuple(session.peer))
        return "250 OK"

    def parsed(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(raw, policy=default) for _rcpt, raw in self.messages]

    def recipients(self) -> list[str]:
        return sorted(address for rcpt, _raw in self.messages for address in rcpt)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings):
    """A stopped SMTP server on a free port, with Django's SMTP backend pointing at it."""
    server = SmtpServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server):
    """A running SMTP server; yields its inbox."""
    smtp_server.start()
    return smtp_server.inbox

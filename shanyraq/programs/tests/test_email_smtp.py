"""Integration: the registration e-mail through a real SMTP server (aiosmtpd on localhost)."""

import email
import socket
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.original_content or envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_registration_email_arrives_in_kazakh_with_a_calendar_and_a_qr_ticket(
    smtp, django_capture_on_commit_callbacks
):
    session = make_session(program=ProgramFactory(title_kk="Киіз басу"))
    with django_capture_on_commit_callbacks(execute=True):
        reg = registration_create(
            session=session, person=PersonFactory(language="kk", email="aigul@example.org")
        )
    ((rcpt, raw),) = smtp.messages
    message = email.message_from_bytes(raw, policy=default)
    assert rcpt == ["aigul@example.org"]
    assert str(message["Subject"]).strip() == "Сіздің тіркеуіңіз: Киіз басу"
    assert message["Content-Language"] == "kk"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Билет коды: {reg.code}" in body
    parts = {part.get_filename(): part for part in message.iter_attachments()}
    cal = Calendar.from_ical(parts["session.ics"].get_payload(decode=True))
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == "Киіз басу"
    assert parts[f"ticket-{reg.code}.png"].get_payload(decode=True)[:4] == b"\x89PNG"

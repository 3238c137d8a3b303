"""Integration: the registration e-mail through a real SMTP server (aiosmtpd on localhost)."""

import email
from email.policy import default

import pytest
from icalendar import Calendar

from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


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

"""Integration: the reset e-mail through a real SMTP server, in the recipient's language."""

import email
from email.policy import default

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_reset_link_arrives_by_smtp_in_russian_and_opens_the_form(
    client,
    staff,
    smtp,
    settings,
    django_capture_on_commit_callbacks,
):
    staff("librarian", language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/zh-hans/account/password/reset/", {"email": "LIBRARIAN@example.org"})
    ((rcpt, raw),) = smtp.messages
    message = email.message_from_bytes(raw, policy=default)
    assert rcpt == ["librarian@example.org"]
    assert str(message["Subject"]).strip() == "Новый пароль для входа: Культурный центр Казахстана в Пекине"
    body = message.get_body(preferencelist=("plain",)).get_content()
    path = body.split(settings.SITE_URL, 1)[1].split()[0]
    page = client.get(path, follow=True)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()

"""Staff pages: the outbox (director only), its retry button, and the demo mailbox."""

import pytest

from shanyraq.core.roles import ROLES
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


@pytest.mark.parametrize("role", sorted(ROLES))
def test_outbox_page_is_for_the_director_only(staff_client, role):
    OutboxMessageFactory(
        subject="Your registration: Kui", status=Status.FAILED, last_error="SMTPDataError: 451"
    )
    response = staff_client(role).get("/en/staff/mail/")
    if role == "director":
        assert response.status_code == 200
        assert b"Your registration: Kui" in response.content
        assert b"SMTPDataError: 451" in response.content
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", sorted(ROLES))
def test_retry_is_for_the_director_only_and_changes_nothing_when_refused(
    staff_client, role, django_capture_on_commit_callbacks
):
    message = OutboxMessageFactory(status=Status.FAILED, attempts=12, last_error="SMTPDataError: 451")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(role).post(f"/en/staff/mail/{message.pk}/retry/", {"status": "failed"})
    message.refresh_from_db()
    if role == "director":
        assert (response.status_code, response["Location"]) == (302, "/en/staff/mail/?status=failed")
        assert (message.status, message.attempts) == (Status.SENT, 1)  # locmem backend in tests
    else:
        assert response.status_code == 403
        assert (message.status, message.attempts, message.last_error) == (
            Status.FAILED,
            12,
            "SMTPDataError: 451",
        )


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    response = client.get("/en/staff/mail/")
    assert (response.status_code, response["Location"]) == (302, "/en/staff/login/?next=/en/staff/mail/")


def test_outbox_filters_by_status_and_counts_each(staff_client):
    OutboxMessageFactory(subject="waits")
    OutboxMessageFactory(subject="broke", status=Status.FAILED)
    response = staff_client("director").get("/en/staff/mail/?status=failed")
    assert b"broke" in response.content and b"waits" not in response.content
    assert response.context["statuses"] == [
        ("pending", "Pending", 1),
        ("sending", "Sending", 0),
        ("sent", "Sent", 0),
        ("failed", "Failed", 1),
    ]


@pytest.mark.parametrize(
    ("lang", "title"),
    [("zh-hans", "外发邮件"), ("en", "Outgoing e-mail"), ("kk", "Шығыс хаттар"), ("ru", "Исходящие письма")],
)
def test_outbox_page_speaks_four_languages(staff_client, lang, title):
    response = staff_client("director").get(f"/{lang}/staff/mail/")
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_demo_mailbox_shows_every_staff_member_what_the_demo_sent(staff_client, settings):
    settings.SHANYRAQ_DEMO_MAIL = None  # follow the backend: locmem here
    OutboxMessageFactory(to_email="aigul@example.org", subject="Сіздің тіркеуіңіз", body="Билет коды: K7")
    client = staff_client("teacher")
    response = client.get("/en/staff/mail/viewer/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "aigul@example.org" in page and "Сіздің тіркеуіңіз" in page and "Билет коды: K7" in page
    dashboard = client.get("/en/staff/").content.decode()
    assert 'href="/en/staff/mail/viewer/"' in dashboard
    assert 'href="/en/staff/mail/"' not in dashboard


def test_demo_mailbox_is_gone_when_mail_really_leaves(staff_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    OutboxMessageFactory(body="Билет коды: K7")
    client = staff_client("director")
    assert client.get("/en/staff/mail/viewer/").status_code == 404
    assert 'href="/en/staff/mail/viewer/"' not in client.get("/en/staff/").content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SHANYRAQ_DEMO_MAIL = False
    assert client.get("/en/staff/mail/viewer/").status_code == 404


def test_the_banner_line_says_where_demo_and_real_mail_goes(settings):
    from shanyraq.mail.conf import delivery_line

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert delivery_line("http://127.0.0.1:8000") == (
        "E-mail (demo): nothing leaves this machine; staff read every message at "
        "http://127.0.0.1:8000/en/staff/mail/viewer/ (the worker also prints them)."
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "mail.example.org", 587
    assert delivery_line("https://center.example.org") == (
        "E-mail: sent by the worker through SMTP mail.example.org:587; "
        "the director sees the outbox at https://center.example.org/en/staff/mail/."
    )

"""Staff compose, preview, test-send, schedule and send mailings; the digest; progress; roles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shanyraq.core.models import AuditEvent
from shanyraq.core.roles import ROLES
from shanyraq.mail.models import OutboxMessage
from shanyraq.newsletter.models import Delivery, Mailing
from shanyraq.newsletter.services.sending import send_due
from shanyraq.newsletter.tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def compose(client, **extra):
    data = {
        "title": "December",
        "subject_en": "December at the center",
        "body_en": "## Concerts\n\nDombra evening.",
        "subject_kk": "Орталықта желтоқсан",
        "body_kk": "## Концерттер\n\nДомбыра кеші.",
        "missing": "fallback",
        **extra,
    }
    return client.post("/en/staff/newsletter/new/", data)


def test_a_coordinator_composes_previews_each_language_and_sends_a_test_to_herself(staff_client):
    client = staff_client("program_coordinator")
    from django.contrib.auth import get_user_model

    me = get_user_model().objects.get(username="program_coordinator-user")
    me.email = "coordinator@example.org"
    me.save()
    answer = compose(client)
    mailing = Mailing.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/en/staff/newsletter/{mailing.pk}/"
    kk = client.get(f"/en/staff/newsletter/{mailing.pk}/preview/kk/").content.decode()
    assert "Домбыра кеші." in kk and '<html lang="kk">' in kk
    ru = client.get(f"/en/staff/newsletter/{mailing.pk}/preview/ru/").content.decode()
    assert "Dombra evening." in ru and "Этого выпуска нет на вашем языке" in ru
    client.post(f"/en/staff/newsletter/{mailing.pk}/test/", {"language": "kk"})
    (test,) = OutboxMessage.objects.all()
    assert (test.to_email, test.subject, test.language) == (
        "coordinator@example.org",
        "[Test] Орталықта желтоқсан",
        "kk",
    )
    assert test.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_scheduled_mailing_goes_out_when_the_scheduler_finds_it_due(staff_client, clock, settings):
    settings.NEWSLETTER_SEND_RATE = 0
    SubscriberFactory(email="a@example.org", language="kk")
    SubscriberFactory(email="b@example.org", language="en")
    client = staff_client("director")
    compose(client)
    mailing = Mailing.objects.get()
    at = timezone.localtime() + dt.timedelta(hours=2)
    client.post(f"/en/staff/newsletter/{mailing.pk}/schedule/", {"at": at.strftime("%Y-%m-%dT%H:%M")})
    mailing.refresh_from_db()
    assert mailing.status == "scheduled"
    send_due()
    assert Mailing.objects.get().status == "scheduled"  # not yet
    clock.shift(dt.timedelta(hours=2, minutes=1))
    send_due()
    assert Mailing.objects.get().status == "sent"
    assert sorted(Delivery.objects.values_list("email", "status")) == [
        ("a@example.org", "sent"),
        ("b@example.org", "sent"),
    ]
    page = client.get(f"/en/staff/newsletter/{mailing.pk}/").content.decode()
    assert 'value="100"' in page and "2 sent, 0 pending, 0 failed, of 2" in page


def test_the_digest_is_a_draft_with_the_coming_weeks_in_every_language(staff_client, clock):
    from shanyraq.programs.tests.factories import ProgramFactory, make_session

    make_session(program=ProgramFactory(title_en="Felt workshop", title_kk="Киіз шеберханасы"), days=5)
    client = staff_client("director")
    answer = client.post("/en/staff/newsletter/digest/")
    mailing = Mailing.objects.get()
    assert answer.status_code == 302 and (mailing.status, mailing.is_digest) == ("draft", True)
    assert "Киіз шеберханасы" in mailing.body_kk and "/kk/programs/sessions/" in mailing.body_kk
    assert "Felt workshop" in mailing.body_en and mailing.body_ru and mailing.subject_zh_hans


@pytest.mark.parametrize("role", list(ROLES))
def test_only_the_director_and_the_program_coordinator_may_send_a_mailing(staff_client, role, settings):
    settings.NEWSLETTER_SEND_RATE = 0
    SubscriberFactory()
    mailing = Mailing.objects.create(title="t", subject_en="s", body_en="b")
    audit_before = AuditEvent.objects.count()
    answer = staff_client(role).post(f"/en/staff/newsletter/{mailing.pk}/send/")
    allowed = role in ("director", "program_coordinator")
    assert answer.status_code == (302 if allowed else 403)
    assert Mailing.objects.get().status == (
        "sending" if allowed else "draft"
    )  # the worker takes it on commit
    assert Delivery.objects.count() == (1 if allowed else 0)
    assert AuditEvent.objects.count() == audit_before + (1 if allowed else 0)

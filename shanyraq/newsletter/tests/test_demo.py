"""The demo newsletter: confirmed readers in four languages with their consent trail, one mailing
the worker sends to each of them once, and a what's-on digest left as a draft."""

import pytest
from django.core import mail

from shanyraq.newsletter import demo
from shanyraq.newsletter.models import ConsentRecord, Delivery, Mailing, Subscriber
from shanyraq.newsletter.services.sending import mailing_send
from shanyraq.programs import demo as programs_demo
from shanyraq.site import demo as site_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_readers_a_sent_mailing_and_a_draft_digest(roles, clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    site_demo.load()
    programs_demo.load()
    counts = demo.load()
    readers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    assert counts["subscribers"] == readers.count() == 10
    assert set(readers.values_list("language", flat=True)) == {"zh-hans", "en", "kk", "ru"}
    assert ConsentRecord.objects.filter(action="confirmed").count() == 10

    sent = Mailing.objects.get(is_digest=False)
    assert counts["mailing deliveries"] == Delivery.objects.filter(mailing=sent).count() == 10
    mailing_send(mailing_id=sent.pk, rate=0)  # what the worker does when `make run` starts
    sent.refresh_from_db()
    assert sent.status == Mailing.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(readers.values_list("email", flat=True))
    kazakh = next(m for m in mail.outbox if m.to == ["aigerim.s@example.kz"])
    assert kazakh.subject == "Қазақстан мәдени орталығы: желтоқсан"

    digest = Mailing.objects.get(is_digest=True)
    assert digest.status == Mailing.Status.DRAFT
    assert all(getattr(digest, f"subject_{s}") for s in ("zh_hans", "en", "kk", "ru"))

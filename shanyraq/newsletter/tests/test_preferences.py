"""The preferences page from the signed link in every e-mail: language, topics, pause, unsubscribe."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shanyraq.newsletter import tokens
from shanyraq.newsletter.models import Delivery, Mailing, Subscriber, Suppression, email_hash
from shanyraq.newsletter.tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def url(subscriber, lang="en"):
    return f"/{lang}/newsletter/preferences/{tokens.link_token(subscriber.pk)}/"


def test_the_reader_changes_language_and_topics_without_signing_in_and_a_consent_line_is_kept(client):
    reader = SubscriberFactory(language="en", topics=["library"])
    page = client.get(url(reader, "kk"))
    assert page.status_code == 200 and reader.email in page.content.decode()
    answer = client.post(url(reader, "kk"), {"language": "ru", "topics": ["concerts", "courses"]})
    assert answer.status_code == 200
    reader.refresh_from_db()
    assert (reader.language, reader.topics, reader.status) == ("ru", ["courses", "concerts"], "confirmed")
    assert list(reader.consents.values_list("action", "source")) == [("changed", "preferences")]


def test_pausing_stops_the_deliveries_still_waiting_and_resuming_brings_the_reader_back(client):
    reader = SubscriberFactory()
    mailing = Mailing.objects.create(title="t", subject_en="s", body_en="b", status="sending")
    Delivery.objects.create(mailing=mailing, subscriber=reader, email=reader.email, language="en")
    client.post(url(reader), {"language": "en", "topics": ["library"], "paused": "on"})
    reader.refresh_from_db()
    assert reader.status == "paused"
    assert not Delivery.objects.exists()
    client.post(url(reader), {"language": "en", "topics": ["library"]})
    reader.refresh_from_db()
    assert reader.status == "confirmed"


def test_unsubscribing_suppresses_the_address_and_an_old_confirmation_link_cannot_undo_it(client):
    reader = SubscriberFactory(email="leaving@example.org")
    old_confirm = tokens.confirm_token(reader.pk, reader.generation, "en", ["library"])
    assert client.post(url(reader), {"unsubscribe": "1"}).status_code == 200
    reader.refresh_from_db()
    assert (reader.status, reader.suppressed) == ("unsubscribed", True)
    assert Suppression.objects.filter(email_hash=email_hash("leaving@example.org")).exists()
    assert client.post(reverse("newsletter:confirm", kwargs={"token": old_confirm})).status_code == 404
    assert Subscriber.objects.get().status == "unsubscribed"


def test_a_forged_link_is_refused_in_the_readers_language_and_changes_nothing(client):
    reader = SubscriberFactory()
    forged = url(reader, "ru")[:-4] + "abc/"
    page = client.post(forged, {"unsubscribe": "1"})
    assert page.status_code == 404
    assert "Эта ссылка недействительна" in page.content.decode()
    assert Subscriber.objects.get().status == "confirmed"
    one_click = client.post(f"/newsletter/unsubscribe/{tokens.link_token(reader.pk)}x/")
    assert one_click.status_code == 404
    assert Subscriber.objects.get().status == "confirmed"

"""Double opt-in: the footer form, the API and the registration tick box only ever send the
confirmation e-mail; the answer is the same for every address; no mailbox is flooded."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from shanyraq.mail.models import OutboxMessage
from shanyraq.newsletter.models import ConsentRecord, Subscriber, Suppression, Topic, email_hash
from shanyraq.newsletter.tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
FORM = {"email": "aigerim@example.org", "language": "kk", "topics": ["library", "concerts"], "website": ""}


def confirm_link(message: OutboxMessage) -> str:
    return re.search(r"https?://\S+/newsletter/confirm/\S+/", message.body).group(0)


def signup(client, **changes):
    return client.post(reverse("newsletter:signup"), {**FORM, **changes})


def test_sign_up_stores_a_pending_subscriber_and_queues_only_the_confirmation_in_its_language(client, clock):
    response = signup(client)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.language, subscriber.topics) == (
        "aigerim@example.org",
        "pending",
        "kk",
        ["library", "concerts"],
    )
    (message,) = OutboxMessage.objects.all()
    assert (message.to_email, message.language, message.topic) == (
        "aigerim@example.org",
        "kk",
        "newsletter.confirm",
    )
    assert message.subject == "Жазылымыңызды растаңыз"
    assert "/kk/newsletter/confirm/" in message.body
    (consent,) = ConsentRecord.objects.all()
    assert (consent.action, consent.source, consent.language) == ("requested", "footer", "kk")
    assert "unsubscribe" in consent.text_shown


def test_the_answer_is_the_same_for_new_waiting_and_confirmed_addresses_and_no_mailbox_is_flooded(
    client, clock
):
    SubscriberFactory(email="known@example.org")
    pages = [signup(client, email=address).content for address in ("new@example.org", "known@example.org")]
    strip = lambda html: re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)  # noqa: E731
    assert strip(pages[0]) == strip(pages[1])
    for _ in range(3):
        signup(client, email="new@example.org")
        signup(client, email="known@example.org")
    topics = sorted(OutboxMessage.objects.values_list("to_email", "topic"))
    assert topics == [("known@example.org", "newsletter.already"), ("new@example.org", "newsletter.confirm")]
    clock.shift(dt.timedelta(hours=1, seconds=1))  # past NEWSLETTER_CONFIRM_RESEND_SECONDS
    signup(client, email="new@example.org")
    assert OutboxMessage.objects.filter(to_email="new@example.org").count() == 2


def test_confirming_by_post_subscribes_with_what_was_asked_and_records_how(client, clock):
    signup(client)
    link = confirm_link(OutboxMessage.objects.get())
    page = client.get(link)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == "pending"  # a mail scanner opening the link confirms nothing
    assert client.post(link).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.topics) == (
        "confirmed",
        "kk",
        ["library", "concerts"],
    )
    assert list(subscriber.consents.values_list("action", "source")) == [
        ("requested", "footer"),
        ("confirmed", "email_link"),
    ]


def test_an_expired_or_forged_confirmation_link_is_refused_and_writes_nothing(client, clock):
    signup(client)
    link = confirm_link(OutboxMessage.objects.get())
    clock.shift(dt.timedelta(days=7, seconds=1))
    assert client.post(link).status_code == 404
    assert client.post(link[:-3] + "xx/").status_code == 404
    assert Subscriber.objects.get().status == "pending"
    assert ConsentRecord.objects.count() == 1


def test_bad_addresses_and_unknown_topics_are_refused_with_nothing_written(client):
    assert signup(client, email="not-an-address").status_code == 400
    assert signup(client, email="a" * 250 + "@example.org").status_code == 400
    assert signup(client, topics=["weather"]).status_code == 400
    assert signup(client, language="de").status_code == 400
    assert (Subscriber.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_the_honeypot_gets_the_same_answer_and_nothing_is_written(client):
    assert signup(client, website="http://spam").status_code == 200
    assert (Subscriber.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_sign_ups_from_one_ip_are_rate_limited(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE_IP = "3/600"
    codes = [signup(client, email=f"r{i}@example.org").status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert Subscriber.objects.count() == 3


def test_sign_ups_for_one_address_are_rate_limited_silently(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE_EMAIL = "2/3600"
    codes = [signup(client).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 200]
    assert ConsentRecord.objects.count() == 2  # the third and fourth attempts left no trace


def test_a_suppressed_address_is_only_asked_to_confirm_and_stays_suppressed_until_it_does(client, clock):
    Suppression.objects.create(email_hash=email_hash("aigerim@example.org"), reason="bounced")
    signup(client)
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.suppressed) == ("pending", True)
    client.post(confirm_link(OutboxMessage.objects.get()))
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.suppressed) == ("confirmed", False)
    assert not Suppression.objects.exists()


def test_the_footer_of_every_public_page_has_the_sign_up_form_in_the_page_language(client):
    page = client.get("/ru/").content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'action="/ru/newsletter/"' in footer
    assert '<option value="ru" selected lang="ru">' in footer
    assert footer.count('type="checkbox" name="topics"') == len(Topic.values)


def test_the_api_answers_202_for_every_address_and_sends_the_confirmation(client):
    SubscriberFactory(email="known@example.org")
    url = "/api/v1/newsletter/subscriptions"
    answers = [
        client.post(
            url, {"email": e, "language": "zh-hans", "topics": ["courses"]}, content_type="application/json"
        )
        for e in ("fresh@example.org", "known@example.org")
    ]
    assert [a.status_code for a in answers] == [202, 202]
    assert answers[0].json() == answers[1].json()
    assert Subscriber.objects.get(email="fresh@example.org").topics == ["courses"]
    assert OutboxMessage.objects.get(to_email="fresh@example.org").language == "zh-hans"
    bad = client.post(url, {"email": "x", "language": "en"}, content_type="application/json")
    assert bad.status_code == 422
    assert Subscriber.objects.count() == 2


def test_the_registration_tick_box_only_creates_a_pending_subscriber_and_the_confirmation(client, clock):
    from shanyraq.programs.tests.factories import make_session

    session = make_session(capacity=10, days=3)
    data = {"name": "Dana", "email": "dana@example.org", "together": "1"}
    client.post(f"/ru/programs/sessions/{session.pk}/", data)
    assert not Subscriber.objects.exists()  # without the tick: nothing
    client.post(
        f"/ru/programs/sessions/{session.pk}/", {**data, "email": "dina@example.org", "newsletter": "on"}
    )
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.language) == ("dina@example.org", "pending", "ru")
    assert OutboxMessage.objects.filter(to_email="dina@example.org", topic="newsletter.confirm").count() == 1
    assert subscriber.consents.get().source == "registration"

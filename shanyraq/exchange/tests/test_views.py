import datetime as dt

import pytest

from shanyraq.exchange.models import JoinRequest, Member, Message, Tandem
from shanyraq.exchange.services import tandems
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db


def join_post(**over):
    data = {
        "name": "Li Wei",
        "display_name": "Wei",
        "email": "li@example.org",
        "password": "long-password",
        "birth_date": "2004-02-02",
        "city": "Beijing",
        "country": "CN",
        "meeting": "both",
        "speaks_1": "zh",
        "speaks_1_level": "7",
        "learns_1": "kk",
        "learns_1_level": "2",
        "availability": ["5-morning"],
        "discoverable": "on",
    }
    data.update(over)
    return data


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("zh-hans", "加入青年交流"),
        ("kk", "Жастар алмасуына қосылу"),
        ("ru", "Вступить в молодёжный обмен"),
        ("en", "Join the youth exchange"),
    ],
)
def test_join_page_speaks_the_visitors_language(client, lang, heading):
    page = client.get(f"/{lang}/exchange/join/").content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_join_form_creates_a_request_and_bad_input_writes_nothing(client, clock):
    bad = client.post("/ru/exchange/join/", join_post(birth_date="2015-01-01"))
    assert bad.status_code == 400
    assert "Молодёжный обмен — для людей от 14 до 30 лет." in bad.content.decode()
    assert JoinRequest.objects.count() == 0
    ok = client.post("/ru/exchange/join/", join_post())
    assert ok.status_code == 302
    join = JoinRequest.objects.get()
    assert join.language == "ru" and join.data["availability"] == [
        {"day": 5, "start": "08:00", "end": "12:00"}
    ]


def test_two_members_become_tandem_partners_write_and_book_a_room(client, clock):
    li = member_make(name="Li Wei", speaks={"zh": 7}, learns={"kk": 2})
    aigerim = member_make(name="Aigerim", speaks={"kk": 7}, learns={"zh": 2})
    room = Space.objects.create(slug="room-1", kind="classroom", name_en="Room 1", name_zh_hans="一号教室")
    client.force_login(li.person.user)
    page = client.get("/zh-hans/exchange/suggestions/").content.decode()
    assert "Aigerim" in page and "会说哈萨克语（母语），在学中文" in page
    assert client.post(f"/zh-hans/exchange/members/{aigerim.pk}/request/").status_code == 302
    tandem = Tandem.objects.get()
    client.force_login(aigerim.person.user)
    client.post(f"/kk/exchange/tandems/{tandem.pk}/decide/", {"answer": "accept"})
    client.post(f"/kk/exchange/tandems/{tandem.pk}/messages/", {"body": "Сәлем!"})
    start = (dt.datetime(2026, 12, 12, 15, 0)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/kk/exchange/tandems/{tandem.pk}/meetings/", {"space": room.pk, "start": start, "minutes": "60"}
    )
    page = client.get(f"/kk/exchange/tandems/{tandem.pk}/").content.decode()
    assert "Сәлем!" in page and "Room 1" in page
    assert Message.objects.get().body == "Сәлем!"
    assert tandem.meetings.get().booking.space == room


def test_an_adult_cannot_reach_a_minor_by_any_member_url(client, clock):
    adult = member_make(speaks={"zh": 7}, learns={"kk": 2})
    minor = member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2011, 1, 1), guardian=guardian_make()
    )
    other_minor = member_make(
        speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2010, 9, 1), guardian=guardian_make()
    )
    t = tandems.tandem_decide(
        tandem=tandems.tandem_request(member=other_minor, partner=minor), member=minor, accept=True
    )
    client.force_login(adult.person.user)
    assert client.post(f"/en/exchange/members/{minor.pk}/request/").status_code == 404
    assert client.get(f"/en/exchange/tandems/{t.pk}/").status_code == 404
    assert client.post(f"/en/exchange/tandems/{t.pk}/messages/", {"body": "hi"}).status_code == 404
    msg = Message.objects.create(tandem=t, sender=minor, body="x")
    assert client.post(f"/en/exchange/messages/{msg.pk}/report/", {"reason": "spam"}).status_code == 404
    assert Tandem.objects.count() == 1 and Message.objects.count() == 1


def test_minor_is_told_the_safeguarding_officer_reads_messages(client, clock):
    minor = member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2011, 1, 1), guardian=guardian_make()
    )
    client.force_login(minor.person.user)
    page = client.get("/ru/exchange/").content.decode()
    assert "наш специалист по защите детей может читать ваши сообщения" in page


def test_member_pages_send_strangers_to_sign_in(client):
    response = client.get("/en/exchange/suggestions/")
    assert response.status_code == 302 and "/en/exchange/login/" in response["Location"]
    assert Member.objects.count() == 0


def test_the_newsletter_box_on_the_join_form_only_asks_for_a_confirmation(client, clock):
    """Opt-in only: no box, no subscriber; a ticked box makes a pending subscriber and one
    confirmation e-mail in the member's language, never a subscription by itself."""
    from django.core import mail

    from shanyraq.newsletter.models import Subscriber

    client.post("/kk/exchange/join/", join_post())
    assert Subscriber.objects.count() == 0
    JoinRequest.objects.all().delete()
    mail.outbox.clear()
    assert client.post("/kk/exchange/join/", {**join_post(), "newsletter": "on"}).status_code == 302
    reader = Subscriber.objects.get()
    assert (reader.status, reader.language) == (Subscriber.Status.PENDING, "kk")
    assert reader.consents.get().source == "registration"

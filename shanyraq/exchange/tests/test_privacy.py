import json

import pytest

from shanyraq.exchange.models import Member, Message, Post, Tandem
from shanyraq.exchange.services import messages, showcase, tandems
from shanyraq.exchange.tests.factories import member_make
from shanyraq.people.models import Person
from shanyraq.people.services import person_erase

pytestmark = pytest.mark.django_db


def test_export_and_erasure_through_the_member_pages(clock, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    li = member_make(name="Li Wei", speaks={"zh": 7}, learns={"kk": 2})
    aigerim = member_make(name="Aigerim", speaks={"kk": 7}, learns={"zh": 2})
    t = tandems.tandem_decide(
        tandem=tandems.tandem_request(member=li, partner=aigerim), member=aigerim, accept=True
    )
    messages.message_send(tandem=t, sender=li, body="你好")
    showcase.post_create(member=li, kind="story", texts={"zh-hans": {"title": "我的故事"}})
    client.force_login(li.person.user)
    exported = json.loads(client.get("/en/exchange/data/export/").content)
    assert exported["name"] == "Li Wei"
    assert exported["messages_sent"][0]["text"] == "你好"
    assert exported["posts"][0]["title"]["zh-hans"] == "我的故事"
    response = client.post("/en/exchange/data/erase/")
    assert response.status_code == 302
    assert not Person.objects.filter(name="Li Wei").exists()
    assert (
        Member.objects.count(),
        Tandem.objects.count(),
        Message.objects.count(),
        Post.objects.count(),
    ) == (1, 0, 0, 0)


def test_erasing_a_guardian_suspends_the_minor_member(clock):
    import datetime as dt

    from shanyraq.exchange.tests.factories import guardian_make

    guardian = guardian_make()
    minor = member_make(born=dt.date(2010, 1, 1), guardian=guardian)
    person_erase(person=guardian)
    minor.refresh_from_db()
    assert minor.status == Member.Status.SUSPENDED
    assert minor.match_keys.count() == 0

"""A member who used every exchange feature is erased: not one of their marker strings may remain
in any table or in the search index (people.tests.scan reads every model and raw table)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shanyraq.exchange.models import Member
from shanyraq.exchange.services import members, messages, showcase, tandems
from shanyraq.exchange.tests.factories import member_make
from shanyraq.people.services import person_erase
from shanyraq.people.tests import scan
from shanyraq.search.selectors import search
from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db

NAME = "Qzxmember Erasova"
CITY = "Qzxcity"
SCHOOL = "Qzxschool Lyceum"
MESSAGE = "Qzxmessage hello partner"
TITLE = "Qzxtitle Almaty summer"
REPORT = "Qzxreport details"
JOIN = "qzx.join@example.org"
FIRST = "Qzxmember"  # the first name shown to partners, in the e-mails they received
MARKERS = [FIRST, NAME, CITY, SCHOOL, MESSAGE, TITLE, REPORT, JOIN]


@pytest.fixture
def everything(clock, settings, tmp_path, staff_user):
    settings.MEDIA_ROOT = tmp_path
    me = member_make(name=NAME, speaks={"zh": 7}, learns={"kk": 2}, city=CITY)
    members.member_update(
        member=me,
        data={
            "city": CITY, "country": "CN", "school": SCHOOL, "meeting": "both", "shares": ["full_name"],
            "languages": [{"language": "zh", "direction": "speaks", "level": 7},
                          {"language": "kk", "direction": "learns", "level": 2}],
        },
    )  # fmt: skip
    partner = member_make(speaks={"kk": 7}, learns={"zh": 2})
    tandem = tandems.tandem_decide(
        tandem=tandems.tandem_request(member=me, partner=partner), member=partner, accept=True
    )
    message = messages.message_send(tandem=tandem, sender=me, body=MESSAGE)
    reply = messages.message_send(tandem=tandem, sender=partner, body="reply")
    messages.report_create(reporter=me, message=reply, reason="other", details=REPORT)
    room = Space.objects.create(slug="room-9", kind="classroom", name_en="Room 9")
    start = timezone.now() + dt.timedelta(days=2)
    tandems.meeting_book(tandem=tandem, member=me, space=room, start=start, end=start + dt.timedelta(hours=1))
    post = showcase.post_create(member=me, kind="story", texts={"en": {"title": TITLE, "body": "text"}})
    showcase.post_moderate(post=post, action="approve", reason="ok", actor=staff_user("moderator"))
    members.join_request_create(
        data={
            "name": NAME, "email": me.person.email, "birth_date": dt.date(2000, 1, 1), "city": CITY, "country": "CN",
            "languages": [{"language": "zh", "direction": "speaks", "level": 7},
                          {"language": "kk", "direction": "learns", "level": 2}],
        },
        password="long-password",
    )  # fmt: skip
    assert message.pk
    return me


def test_before_erasure_every_marker_is_stored(everything):
    found = scan.find(MARKERS[:-1])
    assert sorted(found) == sorted(MARKERS[:-1])
    assert search("Qzxtitle", kind="post") != []


def test_erasure_leaves_no_marker_and_no_indexed_post(everything, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=everything.person, actor=everything.person.user)
    assert scan.find(MARKERS) == {}
    assert search("Qzxtitle", kind="post", public_only=False) == []
    assert Member.objects.count() == 1  # the partner stays

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shanyraq.exchange.models import Tandem
from shanyraq.exchange.services import tandems
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.mail.models import OutboxMessage
from shanyraq.spaces.models import Booking, Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(clock):
    li = member_make(name="Li Wei", speaks={"zh": 7}, learns={"kk": 2}, language="zh-hans")
    aigerim = member_make(name="Aigerim", speaks={"kk": 7}, learns={"zh": 2}, language="kk")
    return li, aigerim


@pytest.fixture
def room(db):
    return Space.objects.create(slug="room-2", kind=Space.Kind.CLASSROOM, name_en="Room 2")


def active(li, aigerim):
    tandem = tandems.tandem_request(member=li, partner=aigerim)
    return tandems.tandem_decide(tandem=tandem, member=aigerim, accept=True)


def test_request_accept_and_end(pair):
    li, aigerim = pair
    tandem = tandems.tandem_request(member=li, partner=aigerim, note="Hi!")
    assert (tandem.first_teaches, tandem.second_teaches) == ("zh", "kk")
    asked = OutboxMessage.objects.get(topic="exchange.tandem_request")
    assert asked.language == "kk" and asked.to_email == aigerim.person.email
    with pytest.raises(PermissionDenied):
        tandems.tandem_decide(tandem=tandem, member=li, accept=True)  # only the asked member answers
    tandem = tandems.tandem_decide(tandem=tandem, member=aigerim, accept=True)
    assert tandem.status == Tandem.Status.ACTIVE
    with pytest.raises(ValidationError):
        tandems.tandem_request(member=aigerim, partner=li)  # one open tandem per pair
    assert tandems.tandem_end(tandem=tandem, member=aigerim).status == Tandem.Status.ENDED


def test_an_adult_cannot_ask_a_minor_whatever_the_url(clock):
    adult = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2000, 1, 1))
    minor = member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2010, 1, 1), guardian=guardian_make()
    )
    with pytest.raises(PermissionDenied):
        tandems.tandem_request(member=adult, partner=minor)
    with pytest.raises(PermissionDenied):
        tandems.tandem_request(member=minor, partner=adult)
    assert Tandem.objects.count() == 0


def test_languages_must_complement(clock):
    a = member_make(speaks={"ru": 7}, learns={"en": 2})
    b = member_make(speaks={"kk": 7}, learns={"zh": 2})
    with pytest.raises(ValidationError):
        tandems.tandem_request(member=a, partner=b)


def test_meeting_books_a_supervised_room_and_refuses_double_booking(pair, room):
    li, aigerim = pair
    tandem = active(li, aigerim)
    start = timezone.now() + dt.timedelta(days=2)
    meeting = tandems.meeting_book(
        tandem=tandem, member=li, space=room, start=start, end=start + dt.timedelta(hours=1)
    )
    assert meeting.booking.status == Booking.Status.APPROVED and meeting.booking.space == room
    assert OutboxMessage.objects.filter(topic="exchange.meeting").count() == 2
    other = active(
        member_make(speaks={"zh": 7}, learns={"kk": 2}), member_make(speaks={"kk": 7}, learns={"zh": 3})
    )
    with pytest.raises(ValidationError):
        tandems.meeting_book(
            tandem=other,
            member=other.first,
            space=room,
            start=start + dt.timedelta(minutes=30),
            end=start + dt.timedelta(hours=2),
        )
    hall = Space.objects.create(slug="hall", kind=Space.Kind.HALL, name_en="Hall")
    with pytest.raises(ValidationError):
        tandems.meeting_book(
            tandem=other, member=other.first, space=hall, start=start, end=start + dt.timedelta(hours=1)
        )
    assert Booking.objects.count() == 1


def test_reminder_is_sent_once_a_day_before(pair, room):
    li, aigerim = pair
    tandem = active(li, aigerim)
    start = timezone.now() + dt.timedelta(hours=30)
    tandems.meeting_book(tandem=tandem, member=li, space=room, start=start, end=start + dt.timedelta(hours=1))
    assert tandems.reminders_send() == 0  # 30 hours ahead: not yet
    assert tandems.reminders_send(now=timezone.now() + dt.timedelta(hours=7)) == 1
    assert tandems.reminders_send(now=timezone.now() + dt.timedelta(hours=8)) == 0
    reminders = OutboxMessage.objects.filter(topic="exchange.reminder")
    assert sorted(reminders.values_list("language", flat=True)) == ["kk", "zh-hans"]


def test_ending_a_tandem_cancels_its_future_meetings(pair, room):
    li, aigerim = pair
    tandem = active(li, aigerim)
    start = timezone.now() + dt.timedelta(days=3)
    meeting = tandems.meeting_book(
        tandem=tandem, member=li, space=room, start=start, end=start + dt.timedelta(hours=1)
    )
    tandems.tandem_end(tandem=tandem, member=aigerim)
    meeting.booking.refresh_from_db()
    assert meeting.booking.status == Booking.Status.CANCELLED


def test_the_scheduler_knows_the_reminder_job():
    from shanyraq.ops.jobs import get

    assert get("exchange_meeting_reminders").call == "shanyraq.exchange.tasks.send_reminders"

"""Issue 14: approving or declining a room request tells the requester by e-mail, in the language
the request was written in (whoever decides, in whatever language), with the room, the day and
hours in the center's zone, and for a decline the coordinator's reason. Through a real SMTP
server (aiosmtpd) and the outbox."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from shanyraq.core.models import AuditEvent
from shanyraq.mail.models import OutboxMessage
from shanyraq.programs.tests.factories import SpaceFactory
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_decide, booking_request

pytestmark = pytest.mark.django_db

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
# Thursday 10 December 2026, 14:00-16:00 in the center's zone (06:00-08:00 UTC).
START = dt.datetime(2026, 12, 10, 14, 0, tzinfo=BEIJING)
END = START + dt.timedelta(hours=2)


def _space():
    return SpaceFactory(
        slug="studio", name_en="Felt studio", name_kk="Киіз шеберханасы", name_ru="Войлочная мастерская"
    )


def _post_request(client, lang: str, email: str = "club@example.org"):
    return client.post(
        f"/{lang}/spaces/studio/request/",
        {
            "name": "Film club",
            "email": email,
            "start": "2026-12-10T14:00",
            "end": "2026-12-10T16:00",
            "purpose": "Screening",
        },
    )


def test_a_request_keeps_the_language_of_the_page_it_was_sent_from(client, clock):
    _space()
    assert _post_request(client, "kk").status_code == 200
    assert Booking.objects.get().requester_language == "kk"


def test_an_approval_reaches_a_kazakh_requester_in_kazakh_with_the_room_and_hours(
    client, clock, smtp, staff_client, django_capture_on_commit_callbacks
):
    _space()
    _post_request(client, "kk")
    booking = Booking.objects.get()
    coordinator = staff_client("program_coordinator")  # decides in English
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/en/staff/spaces/requests/{booking.pk}/decide/", {"decision": "approve", "reason": ""}
        )
    assert response.status_code == 302
    page = coordinator.get("/en/staff/spaces/requests/").content.decode()
    assert "The request for Felt studio on" in page
    assert "is approved. The requester is told by e-mail." in page
    (message,) = smtp.parsed()
    assert smtp.recipients() == ["club@example.org"]
    assert message["Content-Language"] == "kk"
    assert str(message["Subject"]).strip() == "Брондау өтінішіңіз мақұлданды: Киіз шеберханасы"
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Сәлеметсіз бе, Film club!" in body
    assert (
        "мақұлданды. Орын сізге брондалды:\nКиіз шеберханасы\n2026\xa0ж. 10 желтоқсан, бейсенбі, 14:00–16:00\n"
        in body
    )
    booking.refresh_from_db()
    assert booking.status == "approved"


def test_a_decline_reaches_a_russian_requester_in_russian_with_the_reason(
    client, clock, smtp, staff_client, django_capture_on_commit_callbacks
):
    _space()
    _post_request(client, "ru")
    booking = Booking.objects.get()
    coordinator = staff_client("program_coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/kk/staff/spaces/requests/{booking.pk}/decide/",
            {"decision": "refuse", "reason": "  В этот день в мастерской ремонт.  "},
        )
    assert response.status_code == 302
    (message,) = smtp.parsed()
    assert message["Content-Language"] == "ru"
    assert str(message["Subject"]).strip() == "Ваша заявка на бронирование отклонена: Войлочная мастерская"
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Войлочная мастерская\nчетверг, 10 декабря 2026\xa0г., 14:00—16:00\nЦель: Screening\n" in body
    assert "Причина, указанная координатором:\nВ этот день в мастерской ремонт." in body
    booking.refresh_from_db()
    assert (booking.status, booking.decision_reason) == ("refused", "В этот день в мастерской ремонт.")
    event = AuditEvent.objects.filter(action="booking.refuse").get()
    assert event.data["reason"] == "В этот день в мастерской ремонт."


def test_a_decline_without_an_e_mail_address_is_decided_and_sends_nothing(
    clock, smtp, django_capture_on_commit_callbacks
):
    booking = booking_request(
        space=_space(),
        start=START,
        end=END,
        purpose="Rehearsal",
        requester_name="Choir",
        requester_email="",
        language="ru",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decided = booking_decide(booking=booking, approve=False, reason="Full")
    assert decided.status == "refused"
    assert OutboxMessage.objects.count() == 0
    assert smtp.messages == []


def test_the_staff_page_says_when_nobody_can_be_told(clock, staff_client):
    booking = booking_request(
        space=_space(),
        start=START,
        end=END,
        purpose="Rehearsal",
        requester_name="Choir",
        requester_email="",
    )
    coordinator = staff_client("program_coordinator")
    page = coordinator.get("/ru/staff/spaces/requests/").content.decode()
    assert 'name="reason"' in page
    assert "Нет адреса электронной почты: никто не будет уведомлён автоматически." in page
    response = coordinator.post(f"/ru/staff/spaces/requests/{booking.pk}/decide/", {"decision": "refuse"})
    assert response.status_code == 302
    page = coordinator.get("/ru/staff/spaces/requests/").content.decode()
    assert "В заявке нет адреса электронной почты: сообщите заявителю сами." in page


def test_a_decided_request_cannot_be_decided_again_and_sends_nothing_more(
    clock, smtp, django_capture_on_commit_callbacks
):
    booking = booking_request(
        space=_space(),
        start=START,
        end=END,
        purpose="Talk",
        requester_name="Society",
        requester_email="s@example.org",
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking_decide(booking=booking, approve=True)
    with pytest.raises(Exception, match="Only a requested booking"):
        booking_decide(booking=booking, approve=False)
    assert OutboxMessage.objects.filter(topic="spaces.approved").count() == 1
    assert OutboxMessage.objects.count() == 1
    assert len(smtp.messages) == 1


def test_erasing_the_requester_also_erases_the_reason_written_to_them(clock):
    from shanyraq.people.services import person_create
    from shanyraq.spaces.services import person_forget

    person = person_create(name="Film club", language="ru", email="club@example.org")
    booking = booking_request(
        space=_space(),
        start=START,
        end=END,
        purpose="Screening",
        requester_name="Film club",
        requester_email="club@example.org",
    )
    booking_decide(booking=booking, approve=False, reason="Film club: the hall is taken")
    assert list(person_forget(person=person)) == ["Film club"]
    booking.refresh_from_db()
    assert (booking.requester_name, booking.requester_email, booking.decision_reason) == ("", "", "")

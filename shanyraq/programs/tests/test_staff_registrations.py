"""Coordinators' registrations page: who holds a seat and who waits, with contacts and guardians
as their role allows, times in the center's zone, exports, and one message to everyone in each
recipient's language through the outbox. Also: staff pages carry the staff menu, not the visitors'."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from shanyraq.core.dates import years_before
from shanyraq.mail.models import OutboxMessage
from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(clock):
    """Fri 11 Dec 2026 10:00 in Beijing (02:00 UTC): two seats, Gulnara's three children (two
    seated, one waiting) and Ivan, who books for himself in Russian, second on the waiting list."""
    session = make_session(days=3, hour=10, capacity=2)
    day = session.start.astimezone().date()
    registration_submit(
        session=session,
        data=Submission(
            name="Gulnara",
            email="gulnara@example.org",
            language="kk",
            children=[
                ChildInput(name=name, birth_date=years_before(day, 8 + i))
                for i, name in enumerate(["Aruzhan", "Timur", "Dana"])
            ],
            guardian_consent=True,
            together=False,
        ),
    )
    registration_create(
        session=session, person=PersonFactory(name="Ivan", email="ivan@example.org", language="ru")
    )
    return session


def url(session, suffix="registrations/"):
    return f"/ru/staff/programs/sessions/{session.pk}/{suffix}"


def test_the_coordinator_sees_seats_waiting_list_guardians_and_local_times(session, staff_client):
    body = staff_client("program_coordinator").get(url(session)).content.decode()
    assert "пятница, 11 декабря 2026\xa0г., 10:00—12:00" in body  # Beijing time, not 02:00 UTC
    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    names = ("Aruzhan", "Timur", "Dana", "Ivan")
    assert [next(n for n in names if f"<td>{n}</td>" in r) for r in rows] == list(names)
    assert "<td>Подтверждено</td>" in rows[0] and "<td>08.12.2026, 10:00</td>" in rows[0]
    assert rows[0].count("<td>gulnara@example.org</td>") == 2  # booked by and guardian of Aruzhan
    assert "<td>1</td>" in rows[2] and "Dana" in rows[2]  # first on the waiting list
    assert "<td>2</td>" in rows[3] and "ivan@example.org" in rows[3]


def test_a_role_without_contact_rights_sees_no_addresses_or_guardians(session, staff_client):
    body = staff_client("front_desk").get(url(session)).content.decode()
    assert "Dana" in body
    assert "example.org" not in body
    assert "Опекун" not in body
    assert "Написать всем" not in body  # and may not write to them


def test_exports_hold_the_same_table(session, staff_client):
    client = staff_client("program_coordinator")
    response = client.get(url(session) + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Статус", "Место в листе ожидания", "Участник"]
    assert [row[2] for row in rows[1:]] == ["Aruzhan", "Timur", "Dana", "Ivan"]
    assert rows[1][-1] == "2026-12-08 10:00:00"  # data for machines: ISO, in the center's zone
    sheet = load_workbook(io.BytesIO(client.get(url(session) + "?format=xlsx").content)).active
    assert [c.value for c in sheet["C"]][1:] == ["Aruzhan", "Timur", "Dana", "Ivan"]
    assert sheet["L2"].is_date and sheet["L2"].value.strftime("%H:%M") == "10:00"


def test_message_everyone_writes_once_per_address_in_each_recipient_language(session, staff_client):
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    response = staff_client("program_coordinator").post(
        url(session, "message/"),
        {"audience": "all", "subject": "Room change", "text": "We meet in the big hall."},
        follow=True,
    )
    assert "получателей: 2" in response.content.decode()
    sent = {m.to_email: m for m in OutboxMessage.objects.exclude(pk__in=before)}
    assert sorted(sent) == ["gulnara@example.org", "ivan@example.org"]
    kk, ru = sent["gulnara@example.org"], sent["ivan@example.org"]
    assert (kk.language, ru.language) == ("kk", "ru")
    assert ru.subject == f"{session.program.title_ru}: Room change"
    assert kk.subject == f"{session.program.title_kk}: Room change"
    assert ru.body.startswith("Здравствуйте, Ivan!") and "We meet in the big hall." in ru.body
    assert kk.body.startswith("Сәлеметсіз бе, Gulnara!") and "2026\xa0ж. 11 желтоқсан, жұма, 10:00" in kk.body


def test_message_only_the_waiting_list_or_only_those_with_a_seat(session, staff_client):
    coordinator = staff_client("program_coordinator")
    coordinator.post(url(session, "message/"), {"audience": "waiting", "subject": "News", "text": "Soon."})
    sent = OutboxMessage.objects.filter(topic="programs.message")
    assert sorted(sent.values_list("to_email", flat=True)) == ["gulnara@example.org", "ivan@example.org"]
    coordinator.post(url(session, "message/"), {"audience": "seat", "subject": "News", "text": "See you."})
    assert sent.count() == 3  # only Gulnara holds seats


def test_an_empty_message_is_refused_and_nothing_is_queued(session, staff_client):
    response = staff_client("program_coordinator").post(
        url(session, "message/"), {"audience": "all", "subject": " ", "text": ""}, follow=True
    )
    assert "Пожалуйста, укажите тему." in response.content.decode()
    assert not OutboxMessage.objects.filter(topic="programs.message").exists()


def test_staff_pages_carry_the_staff_menu_for_the_role_not_the_visitor_menu(session, staff_client):
    body = staff_client("program_coordinator").get(url(session)).content.decode()
    assert 'class="staff-nav"' in body and "Меню сотрудников" in body
    assert 'href="/ru/staff/programs/registrations/"' in body
    assert 'href="/ru/staff/library/desk/"' not in body  # not the coordinator's page
    assert 'role="search"' not in body and "/ru/library/" not in body.split("</header>")[0]


def test_visitor_pages_keep_the_visitor_menu_even_for_staff(staff_client):
    body = staff_client("program_coordinator").get("/ru/").content.decode()
    assert 'class="staff-nav"' not in body and 'role="search"' in body

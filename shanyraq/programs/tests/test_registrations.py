import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from shanyraq.programs.models import Program, Registration
from shanyraq.programs.services.registrations import (
    offers_expire,
    registration_accept_offer,
    registration_cancel,
    registration_create,
    reminders_send,
)
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session

pytestmark = pytest.mark.django_db


def _fill(session, n):
    return [registration_create(session=session, person=PersonFactory()) for _ in range(n)]


def test_seats_are_confirmed_then_the_waiting_list_is_numbered_in_order():
    session = make_session(capacity=2)
    regs = _fill(session, 5)
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    assert [r.position for r in regs] == [None, None, 1, 2, 3]


def test_a_course_registration_covers_the_program_not_one_session():
    program = ProgramFactory(kind=Program.Kind.COURSE)
    session = make_session(program=program, capacity=3)
    make_session(program=program, days=10, capacity=3)
    reg = registration_create(session=session, person=PersonFactory())
    assert (reg.program_id, reg.session_id) == (program.pk, None)


def test_a_course_is_full_for_every_session_once_its_seats_are_taken():
    program = ProgramFactory(kind=Program.Kind.COURSE)
    first = make_session(program=program, capacity=1)
    second = make_session(program=program, days=10, capacity=1)
    registration_create(session=first, person=PersonFactory())
    assert registration_create(session=second, person=PersonFactory()).status == "waiting"


def test_cancelling_offers_the_seat_to_the_first_in_line_for_24_hours():
    session = make_session(capacity=1)
    first, second, third = _fill(session, 3)
    registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("offered", "waiting")
    assert abs((second.offer_expires_at - timezone.now()) - dt.timedelta(hours=24)) < dt.timedelta(minutes=1)


def test_an_expired_offer_passes_to_the_next_in_line():
    session = make_session(capacity=1)
    first, second, third = _fill(session, 3)
    registration_cancel(registration=first)
    assert offers_expire(now=timezone.now() + dt.timedelta(hours=25)) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("cancelled", "offered")


def test_an_accepted_offer_becomes_a_confirmed_seat():
    session = make_session(capacity=1)
    first, second = _fill(session, 2)
    registration_cancel(registration=first)
    second.refresh_from_db()
    registration_accept_offer(registration=second)
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_an_offered_seat_is_not_given_to_a_newcomer():
    session = make_session(capacity=1)
    first, _second = _fill(session, 2)
    registration_cancel(registration=first)
    assert registration_create(session=session, person=PersonFactory()).status == "waiting"


def test_the_same_person_cannot_register_twice():
    session = make_session()
    person = PersonFactory()
    registration_create(session=session, person=person)
    with pytest.raises(ValidationError):
        registration_create(session=session, person=person)
    assert Registration.objects.count() == 1


def test_one_booker_may_book_at_most_the_program_limit():
    program = ProgramFactory(max_per_booker=2)
    session = make_session(program=program)
    guardian = PersonFactory()
    for _ in range(2):
        registration_create(session=session, person=PersonFactory(email=""), booker=guardian)
    with pytest.raises(ValidationError) as exc:
        registration_create(session=session, person=PersonFactory(email=""), booker=guardian)
    assert "seats" in exc.value.message_dict


def test_age_is_checked_against_the_session_date():
    program = ProgramFactory(min_age=7, max_age=12)
    session = make_session(program=program, days=10)
    day = timezone.localtime(session.start).date()
    turns_seven_on_the_day = PersonFactory(birth_date=day.replace(year=day.year - 7))
    turns_seven_after = PersonFactory(birth_date=day.replace(year=day.year - 7) + dt.timedelta(days=1))
    assert registration_create(session=session, person=turns_seven_on_the_day).status == "confirmed"
    with pytest.raises(ValidationError) as exc:
        registration_create(session=session, person=turns_seven_after)
    assert "birth_date" in exc.value.message_dict


def test_a_school_group_with_a_confirmed_address_books_several_seats_at_once():
    program = ProgramFactory(kind=Program.Kind.TOUR, allow_groups=True)
    session = make_session(program=program, capacity=30)
    reg = registration_create(
        session=session,
        person=PersonFactory(),
        seats=25,
        group_name="School 55, class 3",
        email_verified=True,
    )
    assert (reg.status, reg.seats) == ("confirmed", 25)
    assert (
        registration_create(session=session, person=PersonFactory(), seats=6, group_name="B").status
        == "waiting"
    )


def test_a_single_visitor_cannot_book_several_seats():
    with pytest.raises(ValidationError):
        registration_create(session=make_session(), person=PersonFactory(), seats=3)


def test_an_unpublished_program_refuses_registration():
    with pytest.raises(ValidationError):
        registration_create(
            session=make_session(program=ProgramFactory(is_published=False)), person=PersonFactory()
        )


def test_registration_email_is_in_the_registrants_language_with_ics_and_qr(
    django_capture_on_commit_callbacks,
):
    from icalendar import Calendar

    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(session=session, person=PersonFactory(language="ru"))
    message = mail.outbox[-1]
    assert message.subject.startswith("Ваша регистрация")
    names = [a[0] for a in message.attachments]
    assert names[0] == "session.ics" and names[1].endswith(".png")
    cal = Calendar.from_ical(message.attachments[0][1])
    assert len(cal.walk("VEVENT")) == 1
    assert message.attachments[1][1][:8] == b"\x89PNG\r\n\x1a\n"


def test_reminders_go_once_to_tomorrows_confirmed_registrants(django_capture_on_commit_callbacks):
    session = make_session(days=1)
    _fill(session, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 2
        assert reminders_send() == 0
    assert len(mail.outbox) == 2


def test_expire_offers_command_reports_its_count():
    import io

    from django.core.management import call_command

    session = make_session(capacity=1)
    first, _second = _fill(session, 2)
    registration_cancel(registration=first)
    Registration.objects.filter(status="offered").update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("programs_expire_offers", stdout=out)
    assert out.getvalue().strip() == "expired offers: 1"


def test_reminder_command_sends_for_the_given_day():
    import io

    from django.core.management import call_command

    session = make_session(days=5)
    _fill(session, 1)
    out = io.StringIO()
    call_command(
        "programs_send_reminders", "--day", timezone.localtime(session.start).date().isoformat(), stdout=out
    )
    assert out.getvalue().strip() == "reminders sent: 1"

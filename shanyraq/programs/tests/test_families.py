"""Families: siblings booked all or nothing (the guardian's choice), one e-mail per booking with
every child's ticket, and a booking page to see, add to a calendar and cancel one child or all."""

import re

import pytest
from django.core import mail

from shanyraq.core.dates import years_before
from shanyraq.mail.models import OutboxMessage
from shanyraq.programs.forms import RegistrationForm
from shanyraq.programs.models import ProgramBooking, Registration
from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
from shanyraq.programs.services.registrations import (
    booking_cancel,
    registration_accept_offer,
    registration_cancel,
    registration_create,
)
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session

pytestmark = [pytest.mark.django_db]
CHILDREN = ("Aruzhan", "Timur", "Dana")


def _family(session, names=CHILDREN, together=True, email="gulnara@example.org", lang="kk"):
    day = session.start.astimezone().date()
    return registration_submit(
        session=session,
        data=Submission(
            name="Gulnara",
            email=email,
            language=lang,
            children=[ChildInput(name=n, birth_date=years_before(day, 8 + i)) for i, n in enumerate(names)],
            guardian_consent=True,
            together=together,
        ),
    )


def _child(session, email):
    return PersonFactory(email=email, birth_date=years_before(session.start.astimezone().date(), 9))


def _fill(session, seats):
    for i in range(seats):
        registration_create(session=session, person=_child(session, f"p{i}@example.org"), notify=False)


def _children_program(**kw):
    return ProgramFactory(min_age=6, max_age=12, max_per_booker=4, **kw)


def test_siblings_together_all_get_seats_when_all_fit():
    session = make_session(program=_children_program(), capacity=5, days=10)
    regs = _family(session)
    assert [(r.person.name, r.status, r.position) for r in regs] == [
        ("Aruzhan", "confirmed", None),
        ("Timur", "confirmed", None),
        ("Dana", "confirmed", None),
    ]
    (booking,) = ProgramBooking.objects.all()
    assert booking.together is True and {r.booking_id for r in regs} == {booking.pk}


def test_siblings_together_all_wait_together_when_two_seats_are_left():
    session = make_session(program=_children_program(), capacity=5, days=10)
    _fill(session, 3)
    regs = _family(session)
    assert [(r.status, r.position) for r in regs] == [("waiting", 1), ("waiting", 2), ("waiting", 3)]
    assert Registration.objects.filter(status="confirmed").count() == 3  # the two free seats stay free


def test_as_many_as_fit_splits_the_siblings_when_the_guardian_chooses_it():
    session = make_session(program=_children_program(), capacity=5, days=10)
    _fill(session, 3)
    regs = _family(session, together=False)
    assert [(r.status, r.position) for r in regs] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waiting", 1),
    ]


def test_freed_seats_go_to_the_siblings_only_when_all_of_them_fit_and_nobody_passes_them():
    session = make_session(program=_children_program(), capacity=4, days=10)
    _fill(session, 3)
    family = _family(session)  # one seat free: all three wait at 1..3
    late = registration_create(session=session, person=_child(session, "late@example.org"))
    assert late.status == "waiting" and late.position == 4

    first = Registration.objects.filter(status="confirmed").order_by("pk").first()
    registration_cancel(
        registration=first
    )  # two free: not enough for three, and the latecomer waits behind them
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in family]).values_list("status", flat=True)
    ) == {"waiting"}
    assert Registration.objects.get(pk=late.pk).status == "waiting"

    second = Registration.objects.filter(status="confirmed").order_by("pk").first()
    mail.outbox.clear()
    OutboxMessage.objects.all().delete()
    registration_cancel(registration=second)  # three free: the whole family is offered its seats at once
    assert (
        list(
            Registration.objects.filter(pk__in=[r.pk for r in family])
            .order_by("pk")
            .values_list("status", flat=True)
        )
        == ["offered"] * 3
    )
    offers = OutboxMessage.objects.filter(topic="programs.offered")
    assert offers.count() == 1  # one e-mail for the three
    assert "Aruzhan, Timur, Dana" in offers.get().body

    registration_accept_offer(registration=Registration.objects.get(pk=family[1].pk))
    assert (
        list(Registration.objects.filter(pk__in=[r.pk for r in family]).values_list("status", flat=True))
        == ["confirmed"] * 3
    )


def test_one_email_per_booking_with_every_childs_qr_ticket(settings):
    settings.SITE_URL = "http://testserver"
    session = make_session(program=_children_program(), capacity=5, days=10)
    regs = _family(session, lang="ru")
    (message,) = OutboxMessage.objects.filter(topic="programs.registered")
    assert message.language == "ru" and message.to_email == "gulnara@example.org"
    tickets = sorted(a["filename"] for a in message.attachments if a["mimetype"] == "image/png")
    assert tickets == sorted(f"ticket-{r.code}.png" for r in regs)
    for r in regs:
        assert r.code in message.body and r.person.name in message.body
    assert "/ru/programs/r/" in message.body  # the booking page
    assert len(re.findall(r"/cancel/", message.body)) == 3  # one cancel link per child


def test_the_booking_page_shows_each_ticket_and_cancels_one_child_or_everyone(client):
    session = make_session(program=_children_program(), capacity=5, days=10)
    regs = _family(session)
    _fill(session, 2)  # full
    waiting = registration_create(session=session, person=_child(session, "next@example.org"))
    from shanyraq.programs import tokens

    token = tokens.make(regs[0].pk, "view")
    page = client.get(f"/en/programs/r/{token}/").content.decode()
    for r in regs:
        assert r.code in page and f"/ticket/{r.code}.png" in page
    assert "Add to my calendar" in page and "Cancel everyone in this booking" in page
    png = client.get(f"/en/programs/r/{token}/ticket/{regs[2].code}.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert (
        client.get(f"/en/programs/r/{token}/ticket/{waiting.code}.png").status_code == 404
    )  # not this booking

    response = client.post(f"/en/programs/r/{token}/", {"cancel": "all"})
    assert response.status_code == 200 and "3 registrations are cancelled" in response.content.decode()
    assert set(Registration.objects.filter(pk__in=[r.pk for r in regs]).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert Registration.objects.get(pk=waiting.pk).status == "offered"
    assert OutboxMessage.objects.filter(topic="programs.cancelled").count() == 1


def test_booking_cancel_leaves_attended_and_cancelled_alone():
    session = make_session(program=_children_program(), capacity=5, days=10)
    regs = _family(session)
    Registration.objects.filter(pk=regs[0].pk).update(status="attended")
    registration_cancel(registration=regs[1])
    cancelled = booking_cancel(registration=regs[2])
    assert [r.pk for r in cancelled] == [regs[2].pk]
    assert list(
        Registration.objects.filter(pk__in=[r.pk for r in regs])
        .order_by("pk")
        .values_list("status", flat=True)
    ) == [
        "attended",
        "cancelled",
        "cancelled",
    ]


def test_the_childrens_form_asks_for_the_children_first_and_not_the_guardians_birth_date(client):
    session = make_session(program=_children_program(), capacity=5, days=10)
    form = RegistrationForm(program=session.program)
    assert "birth_date" not in form.fields and form.for_children
    html = client.get(f"/en/programs/sessions/{session.pk}/").content.decode()
    assert html.index("child_1_name") < html.index('name="name"') < html.index('name="email"')
    assert "Your birth date" not in html and 'name="together"' in html

    adult = make_session(capacity=5, days=10)
    assert "birth_date" in RegistrationForm(program=adult.program).fields


def test_the_guardian_chooses_as_many_as_fit_in_the_form(client):
    session = make_session(program=_children_program(), capacity=4, days=10)
    _fill(session, 2)
    day = session.start.astimezone().date()
    data = {"name": "Gulnara", "email": "g@example.org", "guardian_consent": "on", "together": "0"}
    for i, name in enumerate(CHILDREN, start=1):
        data[f"child_{i}_name"] = name
        data[f"child_{i}_birth_date"] = years_before(day, 8).isoformat()
    response = client.post(f"/en/programs/sessions/{session.pk}/", data)
    assert response.status_code == 302
    assert list(
        Registration.objects.filter(booker__name="Gulnara").order_by("pk").values_list("status", flat=True)
    ) == ["confirmed", "confirmed", "waiting"]
    assert ProgramBooking.objects.get().together is False

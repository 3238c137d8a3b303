import datetime as dt
import json
import re

import pytest
from django.core import mail

from shanyraq.core.dates import years_before
from shanyraq.people.models import Consent, Person
from shanyraq.programs.models import Program, Registration
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session

pytestmark = pytest.mark.django_db


def _form(**extra):
    return {"name": "Aliya", "email": "aliya@example.org", **extra}


def test_whats_on_lists_published_sessions_only(client):
    shown = make_session(program=ProgramFactory(title_en="Felt for kids"))
    make_session(program=ProgramFactory(title_en="Secret rehearsal", is_published=False))
    html = client.get("/en/programs/").content.decode()
    assert "Felt for kids" in html and "Secret rehearsal" not in html
    assert f"/en/programs/sessions/{shown.pk}/" in html


def test_whats_on_filters_by_kind_and_age(client):
    make_session(program=ProgramFactory(title_en="Kids felt", min_age=7, max_age=12))
    make_session(program=ProgramFactory(title_en="Dombra concert", kind=Program.Kind.PERFORMANCE), hour=19)
    html = client.get("/en/programs/?age=30").content.decode()
    assert "Dombra concert" in html and "Kids felt" not in html
    html = client.get("/en/programs/?kind=workshop").content.decode()
    assert "Kids felt" in html and "Dombra concert" not in html


def test_whats_on_shows_the_title_in_the_visitors_language(client):
    make_session(program=ProgramFactory(title_en="Felt", title_zh_hans="毡艺"))
    assert "毡艺" in client.get("/zh-hans/programs/").content.decode()


def test_month_calendar_shows_the_session_on_its_day(client):
    session = make_session(program=ProgramFactory(title_en="Felt day"))
    month = session.start.astimezone().strftime("%Y-%m")
    assert "Felt day" in client.get(f"/en/programs/calendar/?month={month}").content.decode()


def test_program_page_has_schema_org_event_json_ld(client):
    program = ProgramFactory(title_en="Dombra </script> night")
    make_session(program=program)
    html = client.get(f"/en/programs/{program.pk}/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data[0]["@type"] == "Event" and data[0]["name"] == "Dombra </script> night"


def test_guest_registers_and_sees_the_seat_confirmed(client):
    session = make_session()
    response = client.post(f"/en/programs/sessions/{session.pk}/", _form(), follow=True)
    assert "your seat is confirmed" in response.content.decode()
    reg = Registration.objects.get()
    assert (reg.status, reg.person.name, reg.email_verified) == ("confirmed", "Aliya", False)


def test_guest_confirms_the_address_by_the_emailed_link(client, django_capture_on_commit_callbacks):
    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/programs/sessions/{session.pk}/", _form())
    link = re.search(r"http://[^\s]+/verify/", mail.outbox[0].body).group(0)
    client.get(link.split("8000", 1)[1])
    assert Registration.objects.get().email_verified is True


def test_cancel_link_frees_the_seat_for_the_waiting_list(client, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/programs/sessions/{session.pk}/", _form())
        client.post(f"/en/programs/sessions/{session.pk}/", _form(name="Bolat", email="b@example.org"))
    link = re.search(r"http://[^\s]+/cancel/", mail.outbox[0].body).group(0).split("8000", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["cancelled", "offered"]
    assert "/accept/" in mail.outbox[-1].body


def test_a_forged_cancel_link_is_refused(client):
    assert client.post("/en/programs/r/forged:token/cancel/").status_code == 404


def test_guardian_registers_two_children_with_consent_recorded(client):
    program = ProgramFactory(min_age=7, max_age=12)
    session = make_session(program=program, days=10)
    day = session.start.astimezone().date()
    data = _form(
        child_1_name="Aru",
        child_1_birth_date=day.replace(year=day.year - 8).isoformat(),
        child_2_name="Timur",
        child_2_birth_date=day.replace(year=day.year - 10).isoformat(),
        guardian_consent="on",
    )
    client.post(f"/en/programs/sessions/{session.pk}/", data)
    regs = Registration.objects.order_by("pk")
    assert [r.person.name for r in regs] == ["Aru", "Timur"]
    assert {r.booker.name for r in regs} == {"Aliya"}
    assert Consent.objects.filter(kind="child_data", given_by__name="Aliya").count() == 2


def test_a_child_too_young_registers_nobody(client):
    session = make_session(program=ProgramFactory(min_age=7, max_age=12), days=10)
    day = session.start.astimezone().date()
    data = _form(
        child_1_name="Aru",
        child_1_birth_date=day.replace(year=day.year - 8).isoformat(),
        child_2_name="Baby",
        child_2_birth_date=day.replace(year=day.year - 3).isoformat(),
        guardian_consent="on",
    )
    response = client.post(f"/en/programs/sessions/{session.pk}/", data)
    assert response.status_code == 400
    assert Registration.objects.count() == 0 and Person.objects.count() == 0


def test_children_without_guardian_consent_are_refused(client):
    session = make_session(days=10)
    data = _form(child_1_name="Aru", child_1_birth_date=years_before(dt.date.today(), 8).isoformat())
    assert client.post(f"/en/programs/sessions/{session.pk}/", data).status_code == 400
    assert Person.objects.count() == 0


def test_a_filled_honeypot_writes_nothing(client):
    session = make_session()
    client.post(f"/en/programs/sessions/{session.pk}/", _form(website="http://spam.example"))
    assert Registration.objects.count() == 0


def test_registration_errors_are_in_the_visitors_language(client):
    session = make_session()
    html = client.post(
        f"/ru/programs/sessions/{session.pk}/", {"name": "", "email": "a@example.org"}
    ).content.decode()
    assert "Пожалуйста, укажите имя." in html


def test_home_section_lists_the_next_public_sessions(rf):
    from shanyraq.programs.site_sections import home_section

    make_session(program=ProgramFactory(title_en="Soon"))
    template, context = home_section(rf.get("/en/"))
    assert template == "programs/home_section.html"
    assert [s.program.title_en for s in context["sessions"]] == ["Soon"]


def test_the_main_menu_links_to_whats_on(client):
    SpaceFactory()
    assert 'href="/en/programs/"' in client.get("/en/").content.decode()


def test_a_visitor_with_an_account_registers_without_retyping_name_or_email(client, django_user_model):
    from shanyraq.people.services import person_create

    user = django_user_model.objects.create_user(username="aliya", password="pw")
    person = person_create(name="Aliya Account", email="aliya@example.org", user=user)
    client.force_login(user)
    session = make_session()
    client.post(f"/en/programs/sessions/{session.pk}/", {})
    reg = Registration.objects.get()
    assert (reg.person_id, reg.booker_id, reg.email_verified) == (person.pk, person.pk, True)

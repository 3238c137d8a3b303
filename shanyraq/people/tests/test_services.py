import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from shanyraq.core.models import AuditEvent
from shanyraq.people.models import Consent, Person
from shanyraq.people.selectors import consent_current
from shanyraq.people.services import consent_record, person_create, person_login_link

pytestmark = pytest.mark.django_db


def years_ago(n: int) -> dt.date:
    today = dt.date.today()
    return today.replace(year=today.year - n, day=min(today.day, 28))


def test_adult_is_created_with_names_in_several_scripts():
    person = person_create(
        name="Айгерім Сәрсенова",
        language="kk",
        other_names=[{"script": "Latn", "text": "Aigerim Sarsenova"}, {"script": "Hans", "text": "艾格琳"}],
    )
    assert person.all_names == ["Айгерім Сәрсенова", "Aigerim Sarsenova", "艾格琳"]
    assert AuditEvent.objects.filter(action="person.create", target_id=str(person.pk)).count() == 1


def test_child_without_guardian_is_refused_and_nothing_written():
    with pytest.raises(ValidationError) as exc:
        person_create(name="Алихан", birth_date=years_ago(8))
    assert "guardian" in exc.value.message_dict
    assert Person.objects.count() == 0


def test_child_without_guardian_consent_is_refused():
    parent = person_create(name="Ержан")
    with pytest.raises(ValidationError) as exc:
        person_create(name="Алихан", birth_date=years_ago(8), guardian=parent)
    assert "guardian_consent" in exc.value.message_dict
    assert Person.objects.count() == 1


def test_child_with_guardian_consent_records_who_consented():
    parent = person_create(name="Ержан")
    child = person_create(name="Алихан", birth_date=years_ago(8), guardian=parent, guardian_consent=True)
    consent = Consent.objects.get(person=child)
    assert (consent.kind, consent.granted, consent.given_by) == ("child_data", True, parent)
    assert child.email == ""


def test_error_message_is_in_the_users_language():
    with translation.override("ru"), pytest.raises(ValidationError) as exc:
        person_create(name="  ")
    assert exc.value.message_dict["name"] == ["Пожалуйста, укажите имя."]


def test_unknown_language_is_refused():
    with pytest.raises(ValidationError) as exc:
        person_create(name="Anna", language="de")
    assert "language" in exc.value.message_dict


def test_latest_consent_wins_after_withdrawal():
    person = person_create(name="Li Na")
    consent_record(person=person, kind="loan_history", granted=True)
    assert consent_current(person, "loan_history") is True
    consent_record(person=person, kind="loan_history", granted=False)
    assert consent_current(person, "loan_history") is False
    assert consent_current(person, "photos") is False


def test_age_is_counted_on_the_given_day():
    person = Person(name="x", birth_date=dt.date(2015, 6, 15))
    assert person.age_on(dt.date(2025, 6, 14)) == 9
    assert person.age_on(dt.date(2025, 6, 15)) == 10
    assert person.is_minor_on(dt.date(2025, 6, 15)) is True


@pytest.mark.parametrize("role", ["librarian", "program_coordinator", "front_desk"])
def test_person_login_link_refuses_anyone_but_a_director(staff_user, role):
    person = person_create(name="Aigerim", language="kk")
    actor = staff_user(role)
    with pytest.raises(PermissionDenied):
        person_login_link(actor=actor, person=person, user=actor, reason="mine")
    person.refresh_from_db()
    assert person.user is None
    assert not AuditEvent.objects.filter(action="person.login_link").exists()


def test_person_login_link_by_a_director_is_audited(staff_user):
    person = person_create(name="Aigerim", language="kk")
    director, login = staff_user("director"), staff_user("teacher")
    person_login_link(actor=director, person=person, user=login, reason="Her staff login")
    person.refresh_from_db()
    assert person.user == login
    assert AuditEvent.objects.get(action="person.login_link").data == {
        "previous_user": None,
        "user": login.pk,
        "reason": "Her staff login",
    }


def test_a_child_of_unknown_age_registered_by_a_guardian_needs_the_consent_too():
    parent = person_create(name="Parent")
    with pytest.raises(ValidationError) as exc:
        person_create(name="Алихан", guardian=parent)
    assert "guardian_consent" in exc.value.message_dict
    child = person_create(name="Алихан", guardian=parent, guardian_consent=True)
    assert list(child.consents.values_list("kind", "given_by")) == [(Consent.Kind.CHILD_DATA, parent.pk)]


def test_every_child_registered_for_a_program_is_kept_on_the_guardians_consent(clock):
    from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
    from shanyraq.programs.tests.factories import make_session

    session = make_session()
    data = Submission(
        name="Mother",
        email="mother@example.org",
        language="ru",
        children=[ChildInput("Ерлан", dt.date(2018, 3, 1)), ChildInput("Дана", dt.date(2020, 6, 2))],
    )
    with pytest.raises(ValidationError):
        registration_submit(session=session, data=data)
    assert Person.objects.count() == 0
    data.guardian_consent = True
    registration_submit(session=session, data=data)
    mother = Person.objects.get(name="Mother")
    children = Person.objects.filter(guardian=mother)
    assert sorted(
        (c.name, c.consents.get().kind, c.consents.get().given_by_id, c.consents.get().granted)
        for c in children
    ) == [("Дана", "child_data", mother.pk, True), ("Ерлан", "child_data", mother.pk, True)]

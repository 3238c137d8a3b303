"""audit_forget and admin_log_forget: what they clear, and what they leave alone."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from shanyraq.core.models import AuditEvent
from shanyraq.core.services import admin_log_forget, audit_forget, audit_record
from shanyraq.people.models import Person

pytestmark = pytest.mark.django_db


def test_values_naming_the_person_are_replaced_in_any_shape_and_script(django_user_model):
    staff = django_user_model.objects.create_user("staff")
    person = Person.objects.create(name="Айгерім")
    event = audit_record(
        actor=staff, action="note", target=person, note="called АЙГЕРІМ", items=[{"who": "Айгерім"}], n=3
    )
    other = audit_record(actor=staff, action="note", target=person, note="hall-kalila")
    assert audit_forget(words=["Айгерім", "Ali"]) == 1
    event.refresh_from_db()
    other.refresh_from_db()
    assert (event.data, event.actor_id) == ({"note": "—", "items": [{"who": "—"}], "n": 3}, staff.pk)
    assert other.data == {"note": "hall-kalila"}  # three letters are too short to match safely


def test_only_the_persons_own_login_is_cut_from_rows_about_the_targets(django_user_model):
    reader, staff = (
        django_user_model.objects.create_user("reader"),
        django_user_model.objects.create_user("s"),
    )
    person, elsewhere = Person.objects.create(name="P"), Person.objects.create(name="Q")
    audit_record(actor=reader, action="a", target=person)
    audit_record(actor=staff, action="b", target=person)
    audit_record(actor=reader, action="c", target=elsewhere)
    assert audit_forget(targets=[person], users=[reader]) == 1
    assert sorted(AuditEvent.objects.values_list("action", "actor")) == [
        ("a", None),
        ("b", staff.pk),
        ("c", reader.pk),
    ]


def test_admin_history_loses_the_names_of_the_targets_and_of_exact_matches(django_user_model):
    staff = django_user_model.objects.create_user("staff")
    person = Person.objects.create(name="Aru")
    ct = ContentType.objects.get_for_model(Person)
    for pk, text in [(person.pk, "Aru (old name)"), (999, "aru"), (998, "Karuna")]:
        LogEntry.objects.create(
            user=staff, content_type=ct, object_id=str(pk), object_repr=text, action_flag=CHANGE
        )
    assert admin_log_forget(targets=[person], words=["Aru"]) == 2
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == ["Karuna", "—", "—"]

"""Erasure hook (people.conf): registrations stay as anonymous seats, teachers leave the index."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from shanyraq.core.services import admin_log_forget, audit_forget
from shanyraq.people.models import Person
from shanyraq.people.services import erased_person
from shanyraq.programs import search_sources
from shanyraq.programs.models import Attendance, Registration
from shanyraq.search.services import index_documents, index_forget


def person_forget(*, person: Person, actor=None) -> Iterable[str]:
    """Point the person's registrations (as participant or booker) at the erased placeholder,
    keeping seats, status and attendance for the reports; drop their e-mail copy and group name;
    take them off the programs they teach and reindex those. Returns the group names."""
    with transaction.atomic():
        mine = Registration.objects.filter(Q(person=person) | Q(booker=person))
        registrations = list(mine.select_for_update().only("pk", "group_name"))
        attendance = list(Attendance.objects.filter(registration__in=registrations).only("pk"))
        groups = [r.group_name for r in registrations if r.group_name]
        audit_forget(targets=[*registrations, *attendance], users=[person.user], words=groups)
        admin_log_forget(targets=[*registrations, *attendance], words=groups)
        if registrations:
            placeholder = erased_person()
            ids = [r.pk for r in registrations]
            Registration.objects.filter(pk__in=ids, person=person).update(person=placeholder)
            Registration.objects.filter(pk__in=ids, booker=person).update(booker=placeholder)
            Registration.objects.filter(pk__in=ids).update(booker_email="", group_name="")
        taught = list(person.programs_taught.values_list("pk", flat=True))
        if taught:
            person.programs_taught.clear()
            index_documents(search_sources.documents(ids=taught))
            index_forget(person.all_names)
            from shanyraq.search.tasks import optimize_index

            transaction.on_commit(optimize_index.enqueue)
    return groups

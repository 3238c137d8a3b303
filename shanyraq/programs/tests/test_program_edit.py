"""Editing a program on a staff page (issue 14 part 2: the Django admin is for superusers only):
texts per language, audience, seats and publication, through `program_update`."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from shanyraq.core.models import AuditEvent
from shanyraq.programs.models import Program, Registration
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.services.sessions import program_update
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, make_session
from shanyraq.search.selectors import search

pytestmark = pytest.mark.django_db


def form_data(program: Program, **changes) -> dict:
    data = {
        "kind": program.kind,
        "level": program.level,
        "language": program.language,
        "min_age": program.min_age or "",
        "max_age": program.max_age or "",
        "price": program.price,
        "capacity": program.capacity or "",
        "registration_opens": "",
        "registration_closes": "",
        "max_per_booker": program.max_per_booker,
        "max_group_size": program.max_group_size,
        "is_published": "on" if program.is_published else "",
    }
    for code in ("zh_hans", "en", "kk", "ru"):
        data[f"title_{code}"] = getattr(program, f"title_{code}") or ""
        data[f"description_{code}"] = getattr(program, f"description_{code}") or ""
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_coordinator_edits_texts_and_audience_and_search_finds_the_new_title(
    clock, staff_client, django_capture_on_commit_callbacks
):
    program = ProgramFactory(kind=Program.Kind.WORKSHOP)
    client = staff_client("program_coordinator")
    url = reverse("programs_staff:edit", args=[program.pk])
    page = client.get(url).text
    assert 'lang="kk"' in page and program.title_kk in page
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows the commit
        response = client.post(
            url,
            form_data(
                program,
                title_kk="Киіз басу шеберханасы",
                description_ru="Валяние войлока",
                min_age=7,
                max_age=12,
            ),
        )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.title_kk, program.description_ru, program.min_age, program.max_age) == (
        "Киіз басу шеберханасы", "Валяние войлока", 7, 12,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="program.update", target_id=str(program.pk))
    assert "title_kk" in event.data["fields"]
    assert str(program.pk) in [hit.object_id for hit in search("киіз басу", kind="program")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_age": 12, "max_age": 7}, "The maximum age is below the minimum age."),
        (
            {"registration_opens": "2026-12-10T10:00", "registration_closes": "2026-12-09T10:00"},
            "Registration must close after it opens.",
        ),
        (
            {"title_zh_hans": "", "title_en": "", "title_kk": "", "title_ru": ""},
            "Please give a title in at least one language.",
        ),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_changes(clock, staff_client, changes, message):
    program = ProgramFactory(min_age=5, max_age=10)
    before = (program.title_en, program.min_age, program.max_age)
    response = staff_client("program_coordinator").post(
        reverse("programs_staff:edit", args=[program.pk]), form_data(program, **changes)
    )
    assert response.status_code == 400
    assert message in response.text
    program.refresh_from_db()
    assert (program.title_en, program.min_age, program.max_age) == before
    assert not AuditEvent.objects.filter(action="program.update").exists()


def test_a_course_cannot_shrink_below_its_seats_and_more_seats_go_to_the_waiting_list(clock):
    course = ProgramFactory(kind=Program.Kind.COURSE, capacity=1)
    session = make_session(program=course)
    first = registration_create(session=session, person=PersonFactory())
    second = registration_create(session=session, person=PersonFactory())
    assert (first.status, second.status) == ("confirmed", "waiting")
    with pytest.raises(ValidationError) as exc_info:
        program_update(program=course, changes={"capacity": 0})
    assert "capacity" in exc_info.value.message_dict
    with pytest.raises(ValidationError):
        program_update(program=course, changes={"kind": Program.Kind.WORKSHOP})
    program_update(program=course, changes={"capacity": 2})
    assert Registration.objects.get(pk=second.pk).status == "offered"


def test_only_roles_that_change_programs_may_edit_and_the_page_speaks_russian(clock, staff_client):
    program = ProgramFactory()
    with translation.override("ru"):
        url = reverse("programs_staff:edit", args=[program.pk])
    assert staff_client("librarian").post(url, form_data(program, title_en="Hacked")).status_code == 403
    program.refresh_from_db()
    assert program.title_en != "Hacked"
    page = staff_client("program_coordinator").get(url).text
    assert "Тексты на каждом языке" in page and "Сохранить" in page

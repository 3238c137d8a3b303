"""person_erase: a patron and the child they registered, using every feature, then erased; not
one of their marker strings may remain in any table, the search index or the admin history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from shanyraq.core.models import AuditEvent
from shanyraq.core.services import audit_record
from shanyraq.library.models import Hold, Loan, Patron
from shanyraq.library.services.circulation import copy_checkin, copy_checkout, hold_place, loan_renew
from shanyraq.library.services.patrons import patron_create
from shanyraq.library.tests.factories import CopyFactory, PatronFactory
from shanyraq.people.models import Consent, Person
from shanyraq.people.services import consent_record, person_create, person_erase
from shanyraq.people.tests import scan
from shanyraq.programs import search_sources
from shanyraq.programs.models import Attendance, Registration
from shanyraq.programs.services.attendance import checkin_scan
from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, at, make_session
from shanyraq.search.normalizer import text_keys
from shanyraq.search.rows import fuzzy_candidates
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_request

pytestmark = pytest.mark.django_db(transaction=False)

NAME = "Qzxaname Erasova"
CYRILLIC = "Кзхаимя Эрасова"
HAN = "龘麤靐"
EMAIL = "qzx.erasure@example.org"
PHONE = "+86 139 0000 7771"
BIRTH = dt.date(1979, 4, 13)
USERNAME = "qzxlogin"
FIRST, LAST = "Qzxfirst", "Qzxlast"
CHILD = "Qzxchild Erasova"
CHILD_BIRTH = dt.date(2017, 5, 21)
CARD = "QZXCARD7"
GROUP = "Qzxgroup 3B"
REQUESTER = "Qzxrequester Erasov"
PURPOSE = "Qzxpurpose birthday party"
MARKERS = [
    NAME, CYRILLIC, HAN, EMAIL, PHONE, BIRTH.isoformat(), USERNAME, FIRST, LAST,
    CHILD, CHILD_BIRTH.isoformat(), CARD, GROUP, REQUESTER, PURPOSE,
]  # fmt: skip
# What the search index stores for the teacher's names: normalized keys and fuzzy vocabulary.
INDEX_KEYS = sorted(fuzzy_candidates(text_keys(NAME).match))


@pytest.fixture
def everything(clock, django_user_model, staff_user, client, django_capture_on_commit_callbacks):
    """A guardian who is a patron, a teacher and a booker, with a child, having used every feature."""
    librarian = staff_user("librarian")
    coordinator = staff_user("program_coordinator")
    user = django_user_model.objects.create_user(
        USERNAME, email=EMAIL, password="pw-for-tests", first_name=FIRST, last_name=LAST
    )
    guardian = person_create(
        name=NAME,
        language="kk",
        email=EMAIL,
        phone=PHONE,
        birth_date=BIRTH,
        other_names=[{"script": "Cyrl", "text": CYRILLIC}, {"script": "Hani", "text": HAN}],
        user=user,
        actor=coordinator,
    )
    with django_capture_on_commit_callbacks(execute=True):
        # Library: card, loan history kept, a renewed and returned loan, a collected hold, a waiting hold.
        patron = patron_create(person=guardian, barcode=CARD, actor=librarian)
        consent_record(person=guardian, kind=Consent.Kind.LOAN_HISTORY, actor=user)
        first = CopyFactory()
        loan = copy_checkout(barcode=first.barcode, patron=patron, actor=librarian)
        # A renewal must move the due date: renew a week later.
        loan_renew(loan=loan, actor=user, now=timezone.now() + dt.timedelta(days=7))
        copy_checkin(barcode=first.barcode, actor=librarian)
        wanted = CopyFactory()
        copy_checkout(barcode=wanted.barcode, patron=PatronFactory(), actor=librarian)
        hold_place(record=wanted.record, patron=patron, actor=user)
        copy_checkin(barcode=wanted.barcode, actor=librarian)
        copy_checkout(barcode=wanted.barcode, patron=patron, actor=librarian)
        copy_checkin(barcode=wanted.barcode, actor=librarian)
        busy = CopyFactory()
        copy_checkout(barcode=busy.barcode, patron=PatronFactory(), actor=librarian)
        hold_place(record=busy.record, patron=patron, actor=user)
        # Programs: the child registered with the guardian's consent, the guardian checked in today,
        # a school class booked by the guardian, and a program the guardian teaches (indexed).
        registration_submit(
            session=make_session(),
            data=Submission(
                name="",
                email="",
                language="kk",
                children=[ChildInput(CHILD, CHILD_BIRTH)],
                guardian_consent=True,
            ),
            user=user,
            actor=user,
        )
        today = make_session(days=0, hour=15)
        [own] = registration_submit(
            session=today, data=Submission(name="", email="", language="kk"), user=user
        )
        checkin_scan(text=own.code, actor=coordinator)
        registration_submit(
            session=make_session(ProgramFactory(allow_groups=True), days=4),
            data=Submission(name="", email="", language="kk", group_name=GROUP, seats=5),
            user=user,
        )
        taught = ProgramFactory()
        taught.teachers.add(guardian)
        index_documents(search_sources.documents(ids=[taught.pk]))
        # Spaces: an outside booking request sent from the same address.
        booking_request(
            space=SpaceFactory(),
            start=at(10, 14),
            end=at(10, 16),
            purpose=PURPOSE,
            requester_name=REQUESTER,
            requester_email=EMAIL.upper(),
        )
    # Free text about the person in the audit trail and in the admin's history; a signed-in session.
    audit_record(actor=coordinator, action="person.note", target=guardian, note=f"Phoned {NAME} on {PHONE}")
    LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(guardian.pk),
        object_repr=str(guardian),
        action_flag=CHANGE,
        change_message="[]",
    )
    client.force_login(user)
    return guardian


def test_before_erasure_every_marker_is_stored_somewhere(everything):
    """The control: the scan sees each marker (and the teacher's index keys) while they exist."""
    assert sorted(scan.find(MARKERS + INDEX_KEYS)) == sorted(MARKERS + INDEX_KEYS)
    assert search(NAME, public_only=False) != []


def test_erasure_leaves_no_marker_in_any_table_or_index(everything, django_capture_on_commit_callbacks):
    guardian = everything
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=guardian, actor=guardian.user)
    assert scan.find(MARKERS + INDEX_KEYS) == {}
    assert [search(text, public_only=False) for text in (NAME, CYRILLIC, HAN, CHILD)] == [[], [], [], []]


def test_erasure_ends_the_login_and_its_sessions(everything):
    user = everything.user
    person_erase(person=everything, actor=user)
    user.refresh_from_db()
    assert (user.is_active, user.has_usable_password(), user.email, user.groups.count()) == (
        False,
        False,
        "",
        0,
    )
    sign_in = RequestFactory().post("/en/library/account/login/")
    assert authenticate(sign_in, username=USERNAME, password="pw-for-tests") is None
    assert Session.objects.count() == 0


def test_erasure_keeps_anonymous_statistics(everything):
    loans, registrations, attendance = (
        Loan.objects.count(),
        Registration.objects.count(),
        Attendance.objects.count(),
    )
    person_erase(person=everything)
    placeholder = Person.objects.get(is_erased=True)
    assert (Loan.objects.count(), Registration.objects.count(), Attendance.objects.count()) == (
        loans,
        registrations,
        attendance,
    )
    assert Loan.objects.filter(anonymized=True, patron=None).count() == 2
    assert set(Registration.objects.values_list("person", "booker", "booker_email", "group_name")) == {
        (placeholder.pk, placeholder.pk, "", "")
    }
    assert Person.objects.filter(name__in=[NAME, CHILD]).count() == 0
    assert Patron.objects.count() == 2  # the other readers
    assert Hold.objects.filter(patron__person__name=NAME).count() == 0
    assert Booking.objects.get(kind=Booking.Kind.OUTSIDE).status == Booking.Status.CANCELLED
    assert AuditEvent.objects.filter(action="person.erase").count() == 2  # the child and the guardian


def test_erasure_is_refused_and_nothing_changes_while_a_book_is_borrowed(everything):
    copy_checkout(barcode=CopyFactory().barcode, patron=everything.patron)
    with pytest.raises(ValidationError):
        person_erase(person=everything)
    assert Person.objects.filter(name__in=[NAME, CHILD]).count() == 2
    assert everything.registrations.count() == 2


def test_a_grown_up_child_with_their_own_login_is_kept_but_unlinked(clock, django_user_model):
    guardian = person_create(name="Guardian", email="g@example.org")
    grown = person_create(
        name="Grown",
        birth_date=dt.date(2000, 1, 1),
        guardian=guardian,
        user=django_user_model.objects.create_user("g"),
    )
    person_erase(person=guardian)
    grown.refresh_from_db()
    assert (grown.name, grown.guardian_id) == ("Grown", None)


def test_the_placeholder_exists_only_when_something_points_at_it_and_is_never_erased(clock):
    person_erase(person=person_create(name="Someone"))
    assert Person.objects.filter(is_erased=True).count() == 0
    session = make_session()
    registration_submit(session=session, data=Submission(name="Aru", email="aru@example.org", language="en"))
    person_erase(person=Person.objects.get(name="Aru"))
    with pytest.raises(ValidationError):
        person_erase(person=Person.objects.get(is_erased=True))


def test_withdrawing_the_consent_for_a_childs_data_erases_the_child(clock):
    guardian = person_create(name="Guardian", email="g@example.org")
    child = person_create(name=CHILD, birth_date=CHILD_BIRTH, guardian=guardian, guardian_consent=True)
    consent_record(person=child, kind=Consent.Kind.CHILD_DATA, granted=False, given_by=guardian)
    assert list(Person.objects.values_list("name", flat=True)) == ["Guardian"]
    assert scan.find([CHILD, CHILD_BIRTH.isoformat()]) == {}


def test_the_command_erases_every_guest_with_an_email_address(clock):
    import io

    from django.core.management import call_command

    session = make_session()
    for name in ("Aru", "Aru B."):
        registration_submit(
            session=session, data=Submission(name=name, email="ARU@example.org", language="en")
        )
    person_create(name="Other", email="other@example.org")
    out = io.StringIO()
    call_command("erase_person", "--email", "aru@example.org", stdout=out)
    assert out.getvalue().strip() == "erased people: 2"
    assert list(Person.objects.values_list("name", flat=True)) == ["Other", "—"]

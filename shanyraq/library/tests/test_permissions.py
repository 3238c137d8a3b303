"""Each of the six roles x each desk action: allowed, or refused (403) with nothing changed."""

import pytest
from django.urls import reverse

from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy, Loan, Record
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.tests.data import DATA
from shanyraq.library.tests.factories import PatronFactory

ROLES = ["director", "curator", "librarian", "program_coordinator", "front_desk", "teacher"]
ALLOWED = {
    "checkout": {"librarian", "front_desk"},
    "checkin": {"librarian", "front_desk"},
    "import_marc": {"librarian"},
    "edit_record": {"librarian"},
    "view_reports": {"librarian", "director"},
}


@pytest.fixture
def book(db):
    record = record_create(data=RecordData(title="Қара сөздер", language="kaz"))
    copy_create(record=record, barcode="B1")
    return record


def state():
    return (
        list(Loan.objects.values_list("copy_id", "returned_at")),
        list(Copy.objects.values_list("barcode", "status")),
        list(Record.objects.values_list("title", flat=True)),
    )


def act(client, action, book):
    if action == "checkout":
        PatronFactory(barcode="P1")
        client.post(reverse("library_staff:desk"), {"scan": "P1"})
        return client.post(reverse("library_staff:desk"), {"scan": "B1"})
    if action == "checkin":
        return client.post(reverse("library_staff:checkin"), {"scan": "B1"})
    if action == "import_marc":
        with open(DATA / "marc21-english" / "pymarc__one.dat", "rb") as fh:
            return client.post(reverse("library_staff:import"), {"file": fh})
    if action == "edit_record":
        return client.post(
            reverse("library_staff:record_edit", args=[book.pk]),
            {"title": "Changed", "format": "book", "authors": ""},
        )
    if action == "view_reports":
        return client.get(reverse("library_staff:reports"))
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(staff_client, book, role, action):
    client = staff_client(role)
    if action == "checkin":
        copy_checkout(barcode="B1", patron=PatronFactory())
    before = state()
    response = act(client, action, book)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302)
        assert state() != before or action == "view_reports"
    else:
        assert response.status_code == 403
        assert state() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(client, book):
    response = client.post(reverse("library_staff:desk"), {"scan": "B1"})
    assert response.status_code == 302 and "/login/" in response["Location"]

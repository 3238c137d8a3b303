"""The loans out pages: the list by urgency, lending, marking returned; front desk reads only."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from shanyraq.collection.models import Artifact, LoanOut, Movement
from shanyraq.collection.services.loans import loan_out_create, loan_out_return
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import ArtifactFactory, SpaceFactory, StorageFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW = "/en/staff/collection/loans/out/new/"


@pytest.fixture
def storage(db):
    return StorageFactory(name_en="Storage")


def stored(number: str, storage) -> Artifact:
    art = ArtifactFactory(accession_number=number, title_en=f"Piece {number}")
    artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    return art


def lend(agreement: str, artifacts, *, due_in_days: int) -> LoanOut:
    today = timezone.localdate()
    return loan_out_create(
        actor=None,
        borrower=f"Borrower of {agreement}",
        agreement_number=agreement,
        artifacts=artifacts,
        insurance_value=Decimal("1000"),
        start_date=today - datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=due_in_days),
    )


def form(**changes) -> dict:
    data = {
        "borrower": "Palace Museum, Beijing",
        "venue": "Hall of Literary Glory",
        "agreement_number": "PM-KCC-2025-01",
        "accession_numbers": "A.1\nA.2\nA.1\n",
        "insurance_value": "250000.00",
        "currency": "cny",
        "start_date": "2025-10-01",
        "end_date": "2026-01-31",
        "conditions": "18-22 °C",
    }
    data.update(changes)
    return data


def writes() -> tuple:
    return (
        LoanOut.objects.count(),
        list(Artifact.objects.order_by("pk").values_list("status", flat=True)),
        Movement.objects.count(),
        AuditEvent.objects.count(),
    )


def test_list_puts_each_active_loan_under_overdue_due_soon_or_later_and_shows_returned(storage, staff_client):
    lend("LATE-1", [stored("A.1", storage)], due_in_days=-3)
    lend("SOON-1", [stored("A.2", storage)], due_in_days=20)
    lend("LATER-1", [stored("A.3", storage)], due_in_days=200)
    back = lend("BACK-1", [stored("A.4", storage)], due_in_days=10)
    loan_out_return(actor=None, loan=back, space=storage)
    overview = staff_client("curator").get("/en/staff/collection/loans/out/").context["overview"]
    sections = [
        [loan.agreement_number for loan in getattr(overview, name)]
        for name in ("overdue", "due_soon", "active", "returned")
    ]
    assert sections == [["LATE-1"], ["SOON-1"], ["LATER-1"], ["BACK-1"]]


def test_front_desk_sees_the_list_without_the_link_to_lend(storage, staff_client):
    lend("SOON-1", [stored("A.1", storage)], due_in_days=20)
    body = staff_client("front_desk").get("/en/staff/collection/loans/out/").content.decode()
    assert ("SOON-1" in body, NEW in body) == (True, False)


def test_new_loan_form_opens_with_the_artifact_from_its_page(storage, staff_client):
    response = staff_client("curator").get(NEW + "?artifact=A.9")
    assert response.context["form"]["accession_numbers"].value() == "A.9"


def test_lending_records_the_loan_and_puts_the_artifacts_on_loan_out(storage, staff_client):
    stored("A.1", storage), stored("A.2", storage)
    response = staff_client("curator").post(NEW, form())
    loan = LoanOut.objects.get()
    assert response["Location"] == f"/en/staff/collection/loans/out/{loan.pk}/"
    assert (loan.borrower, loan.venue, loan.currency, loan.insurance_value, loan.end_date) == (
        "Palace Museum, Beijing",
        "Hall of Literary Glory",
        "CNY",
        Decimal("250000.00"),
        datetime.date(2026, 1, 31),
    )
    assert sorted(loan.artifacts.values_list("accession_number", "status")) == [
        ("A.1", "on_loan_out"),
        ("A.2", "on_loan_out"),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"accession_numbers": "A.1\nNOPE.1"}, "accession_numbers", "Unknown accession numbers: NOPE.1"),
        ({"accession_numbers": " \n"}, "accession_numbers", "This field is required."),
        ({"insurance_value": "-5"}, "insurance_value", "Ensure this value is greater than or equal to 0."),
        ({"currency": "$$"}, "currency", "Write the currency as three letters, for example USD or CNY."),
        ({"end_date": "2025-09-01"}, "__all__", "The loan must end after it starts."),
        ({"borrower": ""}, "borrower", "This field is required."),
    ],
)
def test_bad_loan_input_is_explained_and_writes_nothing(storage, staff_client, changes, field, message):
    stored("A.1", storage), stored("A.2", storage)
    before = writes()
    response = staff_client("curator").post(NEW, form(**changes))
    assert (response.status_code, response.context["form"].errors[field]) == (200, [message])
    assert writes() == before


def test_an_artifact_already_lent_cannot_be_lent_again_and_nothing_is_written(storage, staff_client):
    stored("A.1", storage)
    lend("FIRST-1", [stored("A.2", storage)], due_in_days=30)
    before = writes()
    response = staff_client("curator").post(NEW, form(agreement_number="SECOND-1"))
    assert response.context["form"].errors["__all__"] == ["A.2 cannot be lent in its present status."]
    assert writes() == before


def test_a_used_agreement_number_is_refused(storage, staff_client):
    stored("A.1", storage), stored("A.2", storage)
    lend("PM-KCC-2025-01", [stored("A.3", storage)], due_in_days=30)
    before = writes()
    response = staff_client("curator").post(NEW, form())
    assert response.context["form"].errors["__all__"] == ["Agreement number PM-KCC-2025-01 is already used."]
    assert writes() == before


def test_errors_are_in_the_curators_language(storage, staff_client):
    stored("A.1", storage), stored("A.2", storage)
    client = staff_client("curator")
    url = "/ru/staff/collection/loans/out/new/"
    bad_currency = client.post(url, form(currency="1")).context["form"].errors["currency"]
    bad_dates = client.post(url, form(end_date="2025-09-01")).context["form"].errors["__all__"]
    assert (bad_currency, bad_dates) == (
        ["Укажите валюту тремя буквами, например USD или CNY."],
        ["Срок передачи должен заканчиваться после начала."],
    )


def test_marking_returned_moves_every_artifact_into_the_chosen_space(storage, staff_client):
    hall = SpaceFactory(slug="hall-archaeology", name_en="Hall 1")
    loan = lend("OUT-1", [stored("A.1", storage), stored("A.2", storage)], due_in_days=-1)
    today = timezone.localdate()
    response = staff_client("curator").post(
        f"/en/staff/collection/loans/out/{loan.pk}/",
        {"space": "hall-archaeology", "location_detail": "Case 4", "returned_on": today.isoformat()},
    )
    loan.refresh_from_db()
    assert (response.status_code, loan.status, loan.returned_on) == (302, "returned", today)
    assert sorted(
        loan.artifacts.values_list(
            "accession_number", "status", "current_space", "current_movement__location_detail"
        )
    ) == [("A.1", "on_view", hall.pk, "Case 4"), ("A.2", "on_view", hall.pk, "Case 4")]


@pytest.mark.parametrize(
    ("returned_on", "message"),
    [
        ("2999-01-01", "The return date cannot be in the future."),
        ("2000-01-01", "The artifacts cannot come back before the loan starts."),
    ],
)
def test_a_return_date_outside_the_loan_is_refused_and_nothing_moves(
    storage, staff_client, returned_on, message
):
    loan = lend("OUT-1", [stored("A.1", storage)], due_in_days=10)
    before = writes()
    response = staff_client("curator").post(
        f"/en/staff/collection/loans/out/{loan.pk}/", {"space": "storage", "returned_on": returned_on}
    )
    assert response.context["form"].errors["__all__"] == [message]
    assert writes() == before


def test_a_returned_loan_offers_no_return_form_and_a_second_return_changes_nothing(storage, staff_client):
    loan = lend("OUT-1", [stored("A.1", storage)], due_in_days=10)
    loan_out_return(actor=None, loan=loan, space=storage)
    client = staff_client("curator")
    assert client.get(f"/en/staff/collection/loans/out/{loan.pk}/").context["form"] is None
    before = writes()
    response = client.post(
        f"/en/staff/collection/loans/out/{loan.pk}/", {"space": "storage", "returned_on": "2025-10-01"}
    )
    assert (response.status_code, writes()) == (302, before)


def test_front_desk_sees_a_loan_without_the_return_form(storage, staff_client):
    loan = lend("OUT-1", [stored("A.1", storage)], due_in_days=10)
    response = staff_client("front_desk").get(f"/en/staff/collection/loans/out/{loan.pk}/")
    assert (response.status_code, response.context["form"], "A.1" in response.content.decode()) == (
        200,
        None,
        True,
    )


def test_an_unknown_loan_is_not_found(storage, staff_client):
    assert staff_client("curator").get("/en/staff/collection/loans/out/999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("curator", (True, True, True)),
        ("front_desk", (True, False, True)),
        ("librarian", (False, False, False)),
    ],
)
def test_dashboard_links_the_pages_each_role_may_open(staff_client, role, links):
    body = staff_client(role).get("/en/staff/").content.decode()
    hrefs = (
        'href="/en/staff/collection/loans/out/"',
        f'href="{NEW}"',
        'href="/en/staff/collection/artifacts/"',
    )
    assert tuple(href in body for href in hrefs) == links


@pytest.mark.parametrize(
    ("role", "sees_value"), [("curator", True), ("director", True), ("front_desk", False)]
)
def test_insurance_values_show_only_to_roles_allowed_to_see_them(storage, staff_client, role, sees_value):
    loan = lend("INS-1", [stored("A.1", storage)], due_in_days=10)
    client = staff_client(role)
    pages = [
        "/en/staff/collection/loans/out/",
        f"/en/staff/collection/loans/out/{loan.pk}/",
    ]
    shown = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        shown.append("1000.00" in response.content.decode() or "1000,00" in response.content.decode())
    assert shown == [sees_value] * 2
    # The back office is for superusers only (decision 028): no role reaches the value there.
    assert client.get(f"/en/staff/admin/collection/loanout/{loan.pk}/change/").status_code == 403

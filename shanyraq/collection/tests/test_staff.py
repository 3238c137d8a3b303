"""Staff pages and the permission matrix: each role x each action, nothing changes when refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shanyraq.collection.models import Artifact, LoanIn, Movement
from shanyraq.collection.services.loans import loan_in_create
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import ArtifactFactory, SpaceFactory, StorageFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = ["director", "curator", "librarian", "program_coordinator", "front_desk", "teacher"]
ALLOWED = {
    "move": {"curator"},
    "import": {"curator"},
    "edit": {"curator"},
    "create_loan": {"curator"},
    "view": {"curator", "director", "front_desk"},
}


@pytest.fixture
def world(vocab):
    hall = SpaceFactory(slug="hall-jewelry-weapons", name_en="Hall 2")
    storage = StorageFactory()
    art = ArtifactFactory(accession_number="KCC.M.1", title_en="Sabre")
    artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    return {"hall": hall, "art": art}


def snapshot():
    return (
        Movement.objects.count(),
        Artifact.objects.count(),
        LoanIn.objects.count(),
        list(Artifact.objects.values_list("title_en", "published")),
        AuditEvent.objects.count(),
    )


def do(client, action):
    if action == "move":
        return client.post(
            "/en/staff/collection/move/",
            {
                "artifact": "KCC.M.1",
                "space": "hall-jewelry-weapons",
                "reason": "installation",
                "location_detail": "Case 3",
            },
        )
    if action == "import":
        data = b"accession_number,title_en,published\nKCC.M.2,Bow,yes\n"
        return client.post(
            "/en/staff/collection/import/", {"file": SimpleUploadedFile("a.csv", data), "dry_run": ""}
        )
    if action == "edit":
        return client.post(
            "/en/staff/collection/artifacts/KCC.M.1/edit/",
            {"title_en": "Sabre of a batyr", "published": "on"},
        )
    if action == "create_loan":
        return client.post(
            "/en/staff/collection/loans/in/new/",
            {
                "lender": "National Museum",
                "agreement_number": "NM-1",
                "accession_numbers": "KCC.M.1",
                "insurance_value": "1000",
                "currency": "USD",
                "start_date": "2025-09-01",
                "end_date": "2026-03-01",
            },
        )
    return client.get("/en/staff/collection/artifacts/KCC.M.1/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(world, staff_client, role, action):
    client = staff_client(role)
    before = snapshot()
    response = do(client, action)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302)
        if action != "view":
            assert snapshot() != before
            assert response.status_code == 302 or "Imported" in response.content.decode()
    else:
        assert response.status_code == 403
        assert snapshot() == before


def test_anonymous_is_sent_to_the_staff_login_and_nothing_changes(world, client):
    before = snapshot()
    response = do(client, "move")
    assert (response.status_code, response["Location"].startswith("/en/staff/login/")) == (302, True)
    assert snapshot() == before


def test_move_page_changes_the_location_and_the_public_page(world, staff_client, client):
    curator = staff_client("curator")
    do(curator, "move")
    art = Artifact.objects.get(accession_number="KCC.M.1")
    assert (art.current_movement.space.slug, art.current_movement.location_detail) == (
        "hall-jewelry-weapons",
        "Case 3",
    )
    assert "Hall 2" in curator.get("/en/collection/artifacts/KCC.M.1/").content.decode()


def test_import_page_lists_every_bad_row_and_writes_nothing(world, staff_client):
    client = staff_client("curator")
    data = b"accession_number,title_en,category\nA.1,One,pottery\nA.2,,archaeology\n"
    response = client.post(
        "/en/staff/collection/import/", {"file": SimpleUploadedFile("a.csv", data), "dry_run": ""}
    )
    errors = [(e.row, e.column) for e in response.context["report"].errors]
    assert errors == [(2, "category"), (3, "title_en")]
    assert not Artifact.objects.filter(accession_number__in=["A.1", "A.2"]).exists()


def test_import_page_refuses_a_file_that_is_not_csv_or_xlsx(world, staff_client):
    client = staff_client("curator")
    response = client.post("/en/staff/collection/import/", {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.context["form"].errors["file"] == ["Upload a CSV or XLSX file."]


def test_loans_due_page_lists_the_loan_for_front_desk_refused(world, staff_client):
    loan_in_create(
        actor=None,
        lender="Central State Museum of the Republic of Kazakhstan",
        agreement_number="CSM-7",
        artifacts=[world["art"]],
        insurance_value=Decimal("5000"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    assert "CSM-7" in staff_client("curator").get("/en/staff/collection/loans/due/").content.decode()
    assert staff_client("front_desk").get("/en/staff/collection/loans/due/").status_code == 403


def test_qr_label_sheet_has_an_svg_code_to_the_phone_url_and_four_titles(world, staff_client):
    art = ArtifactFactory(
        accession_number="KCC.Q.1",
        title_en="Kobyz",
        title_kk="Қобыз",
        title_ru="Кобыз",
        title_zh_hans="库布孜",
    )
    artifact_move(actor=None, artifact=art, space=world["hall"], reason="installation")
    body = (
        staff_client("front_desk").get("/en/staff/collection/labels/hall-jewelry-weapons/").content.decode()
    )
    assert body.count("<svg") == 1
    for title in ("Kobyz", "Қобыз", "Кобыз", "库布孜", "KCC.Q.1"):
        assert title in body
    assert "Sabre" not in body  # in storage, not in this hall


def test_qr_code_encodes_the_language_neutral_url(world, staff_client):
    art = ArtifactFactory(accession_number="KCC.Q.2")
    artifact_move(actor=None, artifact=art, space=world["hall"], reason="installation")
    response = staff_client("curator").get("/en/staff/collection/labels/hall-jewelry-weapons/")
    assert response.context["items"][0]["url"] == "http://127.0.0.1:8000/collection/a/KCC.Q.2/"


def test_inventory_page_lists_missing_and_unknown_and_front_desk_is_refused(world, staff_client):
    art = ArtifactFactory(accession_number="KCC.I.1")
    artifact_move(actor=None, artifact=art, space=world["hall"], reason="installation")
    gone = ArtifactFactory(accession_number="KCC.I.2")
    artifact_move(actor=None, artifact=gone, space=world["hall"], reason="installation")
    response = staff_client("curator").post(
        "/en/staff/collection/inventory/", {"space": "hall-jewelry-weapons", "seen": "KCC.I.1\nNOPE.9\n"}
    )
    result = response.context["result"]
    assert ([a.accession_number for a in result["missing"]], result["unknown"], result["seen"]) == (
        ["KCC.I.2"],
        ["NOPE.9"],
        1,
    )
    before = snapshot()
    refused = staff_client("front_desk").post(
        "/en/staff/collection/inventory/", {"space": "hall-jewelry-weapons"}
    )
    assert (refused.status_code, snapshot()) == (403, before)

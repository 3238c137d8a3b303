"""Staff pages and the permission matrix: each role x each action, nothing changes when refused."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shanyraq.collection.models import Artifact, ArtifactImage, ConditionCheck, LoanIn, LoanOut, Movement
from shanyraq.collection.services.images import image_add
from shanyraq.collection.services.loans import loan_in_create, loan_out_create
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
# Loans out, condition checks and images: only curators write; curators, director and front desk read.
WRITE_ACTIONS = [
    "create_loan_out",
    "return_loan_out",
    "record_condition_check",
    "upload_image",
    "edit_image_texts",
    "set_primary_image",
    "remove_image",
]
READ_ACTIONS = ["view_loans_out", "view_loan_out", "view_condition_checks", "view_images", "find_artifact"]
READERS = {"curator", "director", "front_desk"}


def png(size=(40, 30), colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def world(vocab):
    hall = SpaceFactory(slug="hall-jewelry-weapons", name_en="Hall 2")
    storage = StorageFactory()
    art = ArtifactFactory(accession_number="KCC.M.1", title_en="Sabre")
    artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    return {"hall": hall, "art": art, "storage": storage}


@pytest.fixture
def procedures_world(db, settings, tmp_path):
    """KCC.M.1 in storage with two images, KCC.M.3 to lend, KCC.M.4 lent out (OUT-1); no vocabularies."""
    settings.MEDIA_ROOT = tmp_path
    storage = StorageFactory()
    art = ArtifactFactory(accession_number="KCC.M.1", title_en="Sabre")
    artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    to_lend = ArtifactFactory(accession_number="KCC.M.3", title_en="Saddle")
    artifact_move(actor=None, artifact=to_lend, space=storage, reason="storage")
    lent = ArtifactFactory(accession_number="KCC.M.4", title_en="Bowl")
    artifact_move(actor=None, artifact=lent, space=storage, reason="storage")
    loan_out_create(
        actor=None,
        borrower="Palace Museum",
        agreement_number="OUT-1",
        artifacts=[lent],
        insurance_value=Decimal("2000"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 9, 1),
    )
    image_add(actor=None, artifact=art, data=png(), alt_en="Sabre, front")
    image_add(actor=None, artifact=art, data=png(colour="red"), alt_en="Sabre, back")
    return {"art": art, "storage": storage}


def snapshot():
    return (
        Movement.objects.count(),
        Artifact.objects.count(),
        LoanIn.objects.count(),
        list(Artifact.objects.values_list("accession_number", "title_en", "published", "status")),
        list(LoanOut.objects.values_list("agreement_number", "status")),
        ConditionCheck.objects.count(),
        list(ArtifactImage.objects.values_list("pk", "is_primary", "alt_en")),
        AuditEvent.objects.count(),
    )


def second_image() -> ArtifactImage:
    return ArtifactImage.objects.get(alt_en="Sabre, back")


def do_more(client, action):
    """The actions of the loans out, condition check and image pages."""
    base = "/en/staff/collection"
    if action == "create_loan_out":
        return client.post(
            f"{base}/loans/out/new/",
            {
                "borrower": "Palace Museum",
                "agreement_number": "OUT-2",
                "accession_numbers": "KCC.M.3",
                "insurance_value": "1000",
                "currency": "USD",
                "start_date": "2025-10-01",
                "end_date": "2026-03-01",
            },
        )
    if action == "return_loan_out":
        loan = LoanOut.objects.get(agreement_number="OUT-1")
        return client.post(
            f"{base}/loans/out/{loan.pk}/",
            {"space": "storage", "location_detail": "Rack 2", "returned_on": "2025-10-01"},
        )
    if action == "record_condition_check":
        return client.post(
            f"{base}/artifacts/KCC.M.1/condition/",
            {"checked_on": "2025-10-01", "checked_by": client.session["_auth_user_id"], "grade": "fair"},
        )
    if action == "upload_image":
        return client.post(
            f"{base}/artifacts/KCC.M.1/images/", {"images": [SimpleUploadedFile("a.png", png())]}
        )
    if action == "edit_image_texts":
        return client.post(
            f"{base}/artifacts/KCC.M.1/images/{second_image().pk}/texts/",
            {f"image-{second_image().pk}-alt_en": "Sabre, reverse"},
        )
    if action == "set_primary_image":
        return client.post(f"{base}/artifacts/KCC.M.1/images/{second_image().pk}/primary/")
    if action == "remove_image":
        return client.post(f"{base}/artifacts/KCC.M.1/images/{second_image().pk}/remove/")
    if action == "view_loans_out":
        return client.get(f"{base}/loans/out/")
    if action == "view_loan_out":
        return client.get(f"{base}/loans/out/{LoanOut.objects.get(agreement_number='OUT-1').pk}/")
    if action == "view_condition_checks":
        return client.get(f"{base}/artifacts/KCC.M.1/condition/")
    if action == "view_images":
        return client.get(f"{base}/artifacts/KCC.M.1/images/")
    if action == "find_artifact":
        return client.get(f"{base}/artifacts/?q=Sab")
    raise AssertionError(action)


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
    if action == "view":
        return client.get("/en/staff/collection/artifacts/KCC.M.1/")
    return do_more(client, action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(world, staff_client, role, action):
    client = staff_client(role)
    before = snapshot()
    response = do(client, action)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302)
        if not action.startswith(("view", "find")):
            assert snapshot() != before
            assert response.status_code == 302 or "Imported" in response.content.decode()
    else:
        assert response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("action", WRITE_ACTIONS)
def test_curator_can_write_through_the_procedure_pages(procedures_world, staff_client, action):
    client = staff_client("curator")
    before = snapshot()
    response = do(client, action)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot() != before


@pytest.mark.parametrize("role", [r for r in ROLES if r != "curator"])
def test_other_roles_are_refused_every_procedure_write_and_nothing_changes(
    procedures_world, staff_client, role
):
    client = staff_client(role)
    before = snapshot()
    statuses = {action: do(client, action).status_code for action in WRITE_ACTIONS}
    assert statuses == dict.fromkeys(WRITE_ACTIONS, 403)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_role_reads_exactly_the_procedure_pages_it_may(procedures_world, staff_client, role):
    client = staff_client(role)
    before = snapshot()
    statuses = {action: do(client, action).status_code for action in READ_ACTIONS}
    expected = 200 if role in READERS else 403
    assert statuses == dict.fromkeys(READ_ACTIONS, expected)
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
    main = body[body.index("<main") : body.index("</main>")]  # the header carries the center's mark
    assert main.count("<svg") == 1
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

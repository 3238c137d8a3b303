"""The condition check page of an artifact: record a check with photographs, see the history."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from shanyraq.collection.models import ConditionCheck, ConditionCheckImage
from shanyraq.collection.services.procedures import condition_check_record
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/en/staff/collection/artifacts/KCC.C.1/condition/"


def jpeg(size=(900, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "sienna").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def world(settings, tmp_path, staff_user):
    settings.MEDIA_ROOT = tmp_path
    return {
        "artifact": ArtifactFactory(accession_number="KCC.C.1", title_en="Felt rug"),
        "conservator": staff_user("curator", username="aigerim"),
    }


def writes() -> tuple:
    return ConditionCheck.objects.count(), ConditionCheckImage.objects.count(), AuditEvent.objects.count()


def test_history_lists_checks_newest_first_with_the_checker(world, staff_client):
    art = world["artifact"]
    condition_check_record(actor=None, artifact=art, grade="good", checked_on=datetime.date(2025, 8, 20))
    condition_check_record(
        actor=world["conservator"],
        artifact=art,
        grade="fair",
        checked_on=datetime.date(2025, 11, 2),
        notes="Moth",
    )
    response = staff_client("front_desk").get(URL)
    rows = [(c.checked_on, c.grade, str(c.checked_by or "")) for c in response.context["checks"]]
    assert rows == [(datetime.date(2025, 11, 2), "fair", "aigerim"), (datetime.date(2025, 8, 20), "good", "")]


def test_front_desk_reads_the_history_without_the_form(world, staff_client):
    response = staff_client("front_desk").get(URL)
    body = response.content.decode()
    assert (response.status_code, response.context["form"], 'enctype="multipart/form-data"' in body) == (
        200,
        None,
        False,
    )


def test_curator_records_a_check_with_photographs_by_another_checker(world, staff_client):
    client = staff_client("curator")
    response = client.post(
        URL,
        {
            "checked_on": "2025-11-20",
            "checked_by": world["conservator"].pk,
            "grade": "poor",
            "notes": "Split along the seam",
            "images": [
                SimpleUploadedFile("front.jpg", jpeg()),
                SimpleUploadedFile("seam.jpg", jpeg((300, 200))),
            ],
        },
    )
    check = ConditionCheck.objects.get()
    assert response["Location"] == URL
    assert (check.checked_on, check.checked_by, check.grade, check.notes) == (
        datetime.date(2025, 11, 20),
        world["conservator"],
        "poor",
        "Split along the seam",
    )
    assert sorted((i.width, i.height) for i in check.images.all()) == [(300, 200), (900, 600)]
    assert "Split along the seam" in client.get(URL).content.decode()


def test_the_form_proposes_today_and_the_signed_in_curator(world, staff_client, django_user_model):
    form = staff_client("curator").get(URL).context["form"]
    me = django_user_model.objects.get(username="curator-user")
    assert (form["checked_on"].value(), form["checked_by"].value()) == (timezone.localdate(), me.pk)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"grade": "perfect"},
            "grade",
            "Select a valid choice. perfect is not one of the available choices.",
        ),
        ({"checked_on": "2999-01-01"}, "checked_on", "A condition check cannot be dated in the future."),
        ({"checked_on": ""}, "checked_on", "This field is required."),
    ],
)
def test_bad_check_input_is_explained_and_writes_nothing(world, staff_client, changes, field, message):
    data = {"checked_on": "2025-11-20", "checked_by": world["conservator"].pk, "grade": "good"}
    data.update(changes)
    before = writes()
    response = staff_client("curator").post(URL, data)
    assert (response.status_code, response.context["form"].errors[field]) == (200, [message])
    assert writes() == before


def test_a_file_that_is_not_an_image_refuses_the_whole_check(world, staff_client, settings):
    before = writes()
    response = staff_client("curator").post(
        URL,
        {
            "checked_on": "2025-11-20",
            "checked_by": world["conservator"].pk,
            "grade": "good",
            "images": [SimpleUploadedFile("ok.jpg", jpeg()), SimpleUploadedFile("report.pdf", b"%PDF-1.4")],
        },
    )
    assert response.context["form"].non_field_errors() == [
        "report.pdf: This file is not an image we can read (JPEG, PNG, WebP or TIFF)."
    ]
    assert writes() == before
    assert not any(settings.MEDIA_ROOT.rglob("*.jpg"))


def test_condition_photographs_never_appear_on_the_public_page(world, staff_client, client):
    condition_check_record(actor=None, artifact=world["artifact"], grade="poor", images=[("a.jpg", jpeg())])
    photo = ConditionCheckImage.objects.get()
    body = client.get("/en/collection/artifacts/KCC.C.1/").content.decode()
    assert photo.thumbnail.name not in body and photo.original.name not in body


def test_the_date_picker_gets_an_iso_date_and_a_russian_page_accepts_it(world, staff_client):
    client = staff_client("curator")
    body = client.get(URL.replace("/en/", "/ru/")).content.decode()
    assert f'type="date" name="checked_on" value="{timezone.localdate().isoformat()}"' in body
    response = client.post(
        URL.replace("/en/", "/ru/"),
        {"checked_on": "2025-11-20", "checked_by": world["conservator"].pk, "grade": "good"},
    )
    assert (response.status_code, ConditionCheck.objects.get().checked_on) == (
        302,
        datetime.date(2025, 11, 20),
    )


def test_the_back_office_shows_a_checks_photographs_read_only(world, back_office_client):
    check = condition_check_record(
        actor=None, artifact=world["artifact"], grade="poor", images=[("a.jpg", jpeg())]
    )
    response = back_office_client.get(f"/en/staff/admin/collection/conditioncheck/{check.pk}/change/")
    body = response.content.decode()
    assert (response.status_code, check.images.get().original.name in body, 'type="file"' in body) == (
        200,
        True,
        False,
    )

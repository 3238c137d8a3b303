"""The images page of an artifact: upload several, alt text and caption in four languages, primary,
remove; bad files are refused in the curator's language and nothing is half-written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shanyraq.collection.models import ArtifactImage
from shanyraq.collection.services.images import image_add
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/en/staff/collection/artifacts/KCC.P.1/images/"


def png(size=(60, 40), colour="navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def artifact(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return ArtifactFactory(accession_number="KCC.P.1", title_en="Dombra")


def state() -> tuple:
    return (
        list(ArtifactImage.objects.order_by("pk").values_list("pk", "is_primary", "alt_en", "alt_kk")),
        AuditEvent.objects.count(),
    )


def files_on_disk(settings) -> int:
    return sum(1 for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def test_curator_uploads_several_images_with_alt_text_in_four_languages(artifact, staff_client, settings):
    response = staff_client("curator").post(
        URL,
        {
            "images": [upload("front.png", png()), upload("back.png", png(colour="red"))],
            "alt_zh_hans": "冬不拉正面",
            "alt_en": "Dombra, front",
            "alt_kk": "Домбыра, алдыңғы жағы",
            "alt_ru": "Домбра, лицевая сторона",
            "credit_en": "Photo: A. Nurlanova",
        },
    )
    images = list(artifact.images.order_by("order"))
    assert (response.status_code, response["Location"]) == (302, URL)
    assert [(i.is_primary, i.order, i.alt_zh_hans, i.alt_kk, i.credit_en) for i in images] == [
        (True, 1, "冬不拉正面", "Домбыра, алдыңғы жағы", "Photo: A. Nurlanova"),
        (False, 2, "冬不拉正面", "Домбыра, алдыңғы жағы", "Photo: A. Nurlanova"),
    ]
    assert files_on_disk(settings) == 6  # original, display and thumbnail of each


def test_the_primary_box_makes_the_first_new_image_primary(artifact, staff_client):
    old = image_add(actor=None, artifact=artifact, data=png())
    staff_client("curator").post(URL, {"images": [upload("new.png", png())], "primary": "on"})
    primary = artifact.images.get(is_primary=True)
    assert primary.pk != old.pk


def test_one_bad_file_among_several_adds_none_and_names_it(artifact, staff_client, settings):
    before = state()
    response = staff_client("curator").post(
        URL, {"images": [upload("good.png", png()), upload("notes.txt", b"just text")]}
    )
    assert response.status_code == 200
    assert response.context["upload_form"].errors["images"] == [
        "notes.txt: This file is not an image we can read (JPEG, PNG, WebP or TIFF)."
    ]
    assert (state(), files_on_disk(settings)) == (before, 0)


def test_a_file_over_10_mb_is_refused_in_the_curators_language(artifact, staff_client, settings):
    big = upload("huge.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024))
    before = state()
    response = staff_client("curator").post(
        "/kk/staff/collection/artifacts/KCC.P.1/images/", {"images": [upload("ok.png", png()), big]}
    )
    errors = response.context["upload_form"].errors["images"]
    # Kazakh writes the decimal comma (CLDR kk).
    assert errors == ["huge.jpg: сурет 10 МБ-тан үлкен (10,0\xa0МБ)."]
    assert (state(), files_on_disk(settings)) == (before, 0)


def test_a_wrong_type_is_refused_in_chinese(artifact, staff_client):
    response = staff_client("curator").post(
        "/zh-hans/staff/collection/artifacts/KCC.P.1/images/", {"images": [upload("a.gif", b"GIF89a....")]}
    )
    assert response.context["upload_form"].errors["images"] == [
        "a.gif：该文件不是可读取的图片（JPEG、PNG、WebP 或 TIFF）。"
    ]


def test_upload_without_a_file_asks_for_one(artifact, staff_client):
    response = staff_client("curator").post(URL, {"alt_en": "Nothing"})
    assert response.context["upload_form"].errors["images"] == ["Choose at least one image file."]


def test_curator_changes_the_texts_of_one_image(artifact, staff_client):
    image = image_add(actor=None, artifact=artifact, data=png(), alt_en="Old", alt_ru="Старый")
    prefix = f"image-{image.pk}-"
    response = staff_client("curator").post(
        f"{URL}{image.pk}/texts/",
        {f"{prefix}alt_en": "Dombra with two strings", f"{prefix}alt_ru": "", f"{prefix}credit_kk": "Фото"},
    )
    image.refresh_from_db()
    assert (response.status_code, image.alt_en, image.alt_ru, image.credit_kk) == (
        302,
        "Dombra with two strings",
        "",
        "Фото",
    )


def test_too_long_a_text_is_refused_and_nothing_changes(artifact, staff_client):
    image = image_add(actor=None, artifact=artifact, data=png(), alt_en="Old")
    before = state()
    response = staff_client("curator").post(
        f"{URL}{image.pk}/texts/", {f"image-{image.pk}-alt_en": "x" * 301}
    )
    bound = next(i.text_form for i in response.context["images"] if i.pk == image.pk)
    assert (response.status_code, bound.errors["alt_en"]) == (
        200,
        ["Ensure this value has at most 300 characters (it has 301)."],
    )
    assert state() == before


def test_curator_makes_another_image_primary(artifact, staff_client):
    first = image_add(actor=None, artifact=artifact, data=png())
    second = image_add(actor=None, artifact=artifact, data=png())
    staff_client("curator").post(f"{URL}{second.pk}/primary/")
    assert list(artifact.images.filter(is_primary=True).values_list("pk", flat=True)) == [second.pk]
    assert first.pk != second.pk


def test_removing_the_primary_image_promotes_the_next_and_deletes_the_files(
    artifact, staff_client, settings, django_capture_on_commit_callbacks
):
    first = image_add(actor=None, artifact=artifact, data=png())
    second = image_add(actor=None, artifact=artifact, data=png())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client("curator").post(f"{URL}{first.pk}/remove/")
    assert response.status_code == 302
    assert list(artifact.images.values_list("pk", "is_primary")) == [(second.pk, True)]
    assert files_on_disk(settings) == 3


def test_image_actions_need_post(artifact, staff_client):
    image = image_add(actor=None, artifact=artifact, data=png())
    assert staff_client("curator").get(f"{URL}{image.pk}/remove/").status_code == 405
    assert ArtifactImage.objects.filter(pk=image.pk).exists()


def test_an_image_of_another_artifact_is_not_found(artifact, staff_client):
    other = image_add(actor=None, artifact=ArtifactFactory(accession_number="KCC.P.2"), data=png())
    assert staff_client("curator").post(f"{URL}{other.pk}/remove/").status_code == 404
    assert ArtifactImage.objects.filter(pk=other.pk).exists()


def test_front_desk_sees_the_images_but_no_form(artifact, staff_client):
    image_add(actor=None, artifact=artifact, data=png(), alt_en="Dombra, front")
    response = staff_client("front_desk").get(URL)
    body = response.content.decode()
    assert (response.context["upload_form"], "Dombra, front" in body) == (None, True)
    assert ('data-testid="upload"' in body, "Save texts" in body, "/remove/" in body) == (False, False, False)


def test_the_artifact_page_links_to_condition_checks_and_images(artifact, staff_client):
    body = staff_client("curator").get("/en/staff/collection/artifacts/KCC.P.1/").content.decode()
    assert URL in body and "/en/staff/collection/artifacts/KCC.P.1/condition/" in body

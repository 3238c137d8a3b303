"""services.images beyond the single upload: several at once, texts, primary, removal, races."""

import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, connection
from django.utils import translation
from PIL import Image

from shanyraq.collection.models import ArtifactImage, ConditionCheck, ConditionCheckImage
from shanyraq.collection.services.images import image_add, image_set_primary, image_update, images_add
from shanyraq.collection.services.procedures import condition_check_record
from shanyraq.collection.tests.factories import ArtifactFactory


def jpeg_with_gps(size=(500, 400)) -> bytes:
    img = Image.new("RGB", size, "olive")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {2: (39.0, 54.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (10, 20, 30, 128)).save(out, "PNG")
    return out.getvalue()


def files_on_disk(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_several_images_get_the_same_texts_and_consecutive_order(media):
    artifact = ArtifactFactory()
    added = images_add(
        actor=None,
        artifact=artifact,
        files=[("a.jpg", jpeg_with_gps()), ("b.png", png())],
        alt_kk="Қобыз",
        credit_ru="Фото: центр",
    )
    assert [(i.order, i.is_primary, i.alt_kk, i.credit_ru) for i in added] == [
        (1, True, "Қобыз", "Фото: центр"),
        (2, False, "Қобыз", "Фото: центр"),
    ]


@pytest.mark.django_db
def test_every_bad_file_is_named_and_nothing_is_written(media):
    artifact = ArtifactFactory()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        images_add(
            actor=None,
            artifact=artifact,
            files=[("ok.png", png()), ("a.txt", b"text"), ("b.gif", b"GIF89a")],
        )
    assert exc.value.messages == [
        "a.txt: This file is not an image we can read (JPEG, PNG, WebP or TIFF).",
        "b.gif: This file is not an image we can read (JPEG, PNG, WebP or TIFF).",
    ]
    assert (artifact.images.count(), files_on_disk(media)) == (0, [])


@pytest.mark.django_db
def test_files_already_stored_are_deleted_when_the_database_write_fails(media, monkeypatch):
    """A failure after some files were stored (here the second row) leaves no orphan file behind."""
    artifact = ArtifactFactory()
    real_save = ArtifactImage.save
    calls = []

    def failing_second_save(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("disk full, say")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(ArtifactImage, "save", failing_second_save)
    with pytest.raises(IntegrityError):
        images_add(actor=None, artifact=artifact, files=[("a.png", png()), ("b.png", png())])
    assert (ArtifactImage.objects.count(), files_on_disk(media)) == (0, [])


@pytest.mark.django_db
def test_image_texts_change_only_the_fields_given(media):
    image = image_add(actor=None, artifact=ArtifactFactory(), data=png(), alt_en="Old", alt_ru="Старый")
    image_update(actor=None, image=image, alt_en="  New  ", credit_zh_hans="照片：中心")
    image.refresh_from_db()
    assert (image.alt_en, image.alt_ru, image.credit_zh_hans) == ("New", "Старый", "照片：中心")


@pytest.mark.django_db
def test_an_unknown_text_field_is_a_programming_error(media):
    image = image_add(actor=None, artifact=ArtifactFactory(), data=png())
    with pytest.raises(ValueError):
        image_update(actor=None, image=image, alt_xx="?")


@pytest.mark.django_db(transaction=True)
def test_two_curators_choosing_different_primaries_at_once_leave_exactly_one(media):
    artifact = ArtifactFactory()
    images = [image_add(actor=None, artifact=artifact, data=png()) for _ in range(4)]
    barrier = threading.Barrier(3)
    errors = []

    def choose(image):
        try:
            barrier.wait()
            image_set_primary(actor=None, image=image)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=choose, args=(img,)) for img in images[1:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert artifact.images.filter(is_primary=True).count() == 1


@pytest.mark.django_db
def test_condition_photographs_are_stored_without_exif_with_a_thumbnail(media):
    check = condition_check_record(
        actor=None,
        artifact=ArtifactFactory(),
        grade="poor",
        images=[("crack.jpg", jpeg_with_gps((1200, 900)))],
    )
    photo = check.images.get()
    with Image.open(photo.original.path) as original, Image.open(photo.thumbnail.path) as thumb:
        assert (original.size, thumb.size, dict(original.getexif())) == ((1200, 900), (400, 300), {})
    with open(photo.original.path, "rb") as fh:
        assert b"SecretCam" not in fh.read()


@pytest.mark.django_db
def test_a_bad_condition_photograph_refuses_the_check(media):
    with pytest.raises(ValidationError):
        condition_check_record(
            actor=None, artifact=ArtifactFactory(), grade="good", images=[("a.jpg", png()), ("b.doc", b"x")]
        )
    assert (ConditionCheck.objects.count(), ConditionCheckImage.objects.count(), files_on_disk(media)) == (
        0,
        0,
        [],
    )


def huge_png(width=10_000, height=10_000) -> bytes:
    """100 megapixels in a few kilobytes: one bit per pixel, all white, compresses to almost nothing."""
    out = io.BytesIO()
    Image.new("1", (width, height), 1).save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_an_image_over_the_pixel_limit_is_refused_from_its_header_before_decoding(media):
    import resource

    data = huge_png()
    assert len(data) < 100_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        image_add(actor=None, artifact=ArtifactFactory(), data=data)
    assert refused.value.messages == [
        "The image is 10000 × 10000 pixels (100.0 megapixels); the limit is 50.0 megapixels. "
        "Make it smaller and upload it again."
    ]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 30_000  # KiB: never decoded
    assert ArtifactImage.objects.count() == 0 and files_on_disk(media) == []


@pytest.mark.django_db
def test_the_pixel_limit_comes_from_the_settings(media, settings):
    settings.COLLECTION_IMAGE_MAX_PIXELS = 500 * 399
    with pytest.raises(ValidationError):
        image_add(actor=None, artifact=ArtifactFactory(), data=jpeg_with_gps((500, 400)))
    settings.COLLECTION_IMAGE_MAX_PIXELS = 500 * 400
    assert image_add(actor=None, artifact=ArtifactFactory(), data=jpeg_with_gps((500, 400))).width == 500

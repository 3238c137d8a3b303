"""Images: checked, stripped of EXIF and resized once at upload, never on each view.

Every file is checked and encoded before anything is written, and files already stored are
removed again if the database write fails, so an upload is all or nothing.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from shanyraq.collection.conf import IMAGE_DISPLAY_PX, IMAGE_MAX_BYTES, IMAGE_THUMB_PX, image_max_pixels
from shanyraq.collection.models import Artifact, ArtifactImage
from shanyraq.core.services import audit_record

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif"}
LANGUAGE_SUFFIXES = ("zh_hans", "en", "kk", "ru")
# The per-language texts of an image that a curator writes (alt_en=..., credit_kk=...).
TEXT_FIELDS = frozenset(f"{field}_{suffix}" for field in ("alt", "credit") for suffix in LANGUAGE_SUFFIXES)


@dataclass(frozen=True)
class PreparedImage:
    """An upload that passed the checks, already encoded: writing it cannot fail on its content."""

    width: int
    height: int
    original: bytes
    display: bytes
    thumbnail: bytes


def _encode(image: Image.Image, max_px: int | None) -> bytes:
    """Re-encode as JPEG without metadata: a fresh image carries no EXIF (GPS, camera serials)."""
    img = image.copy()
    if max_px:
        img.thumbnail((max_px, max_px))
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _check_pixels(size: tuple[int, int]) -> None:
    """Refuse an image whose header announces more pixels than the configured limit: decoding
    and resizing it would take about 12 bytes per pixel (a 100-megapixel PNG took 1.26 GB)."""
    width, height = size
    if width * height > image_max_pixels():
        raise ValidationError(_too_many_pixels(width, height))


def _too_many_pixels(width: int | None, height: int | None) -> str:
    limit = round(image_max_pixels() / 1_000_000, 1)
    if width is None or height is None:
        return _("The image has far more than %(limit)s megapixels. Make it smaller and upload it again.") % {
            "limit": limit
        }
    return _(
        "The image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the limit is "
        "%(limit)s megapixels. Make it smaller and upload it again."
    ) % {"width": width, "height": height, "megapixels": round(width * height / 1_000_000, 1), "limit": limit}


def image_prepare(data: bytes) -> PreparedImage:
    """Check one upload (size, a real JPEG/PNG/WebP/TIFF) and make its derivatives, writing nothing."""
    if len(data) > IMAGE_MAX_BYTES:
        raise ValidationError(_("The image is larger than 10 MB."))
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; _check_pixels decides, with a clear message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
        with probe:
            _check_pixels(probe.size)  # from the header, before anything is decoded
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except Image.DecompressionBombError:  # so large that Pillow itself refuses to open it
        raise ValidationError(_too_many_pixels(None, None))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or TIFF)."))
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or TIFF)."))
    image = ImageOps.exif_transpose(image)
    return PreparedImage(
        width=image.width,
        height=image.height,
        original=_encode(image, None),
        display=_encode(image, IMAGE_DISPLAY_PX),
        thumbnail=_encode(image, IMAGE_THUMB_PX),
    )


def images_prepare(files: list[tuple[str, bytes]]) -> list[PreparedImage]:
    """Check every file before any is written; one error message per bad file, named."""
    if not files:
        raise ValidationError(_("Choose at least one image file."))
    prepared, errors = [], []
    for name, data in files:
        try:
            prepared.append(image_prepare(data))
        except ValidationError as exc:
            for message in exc.messages:
                errors.append(_("%(file)s: %(problem)s") % {"file": name, "problem": message})
    if errors:
        raise ValidationError(errors)
    return prepared


def _check_texts(texts: dict[str, str]) -> None:
    unknown = set(texts) - TEXT_FIELDS
    if unknown:
        raise ValueError(f"unknown image text fields: {sorted(unknown)}")


class _StoredFiles:
    """Remembers the files saved during a write, to delete them if the transaction is rolled back."""

    def __init__(self) -> None:
        self.saved: list[tuple[Storage, str]] = []

    def save(self, field, name: str, data: bytes) -> None:
        field.save(name, ContentFile(data), save=False)
        self.saved.append((field.storage, field.name))

    def delete_all(self) -> None:
        for storage, name in self.saved:
            storage.delete(name)


def _delete_files_on_commit(image: ArtifactImage) -> None:
    files = [(f.storage, f.name) for f in (image.original, image.display, image.thumbnail) if f.name]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


def _images_write(
    *, actor, artifact: Artifact, prepared: list[PreparedImage], primary: bool, credit: str, texts: dict
) -> list[ArtifactImage]:
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
            has_primary = artifact.images.filter(is_primary=True).exists()
            if primary and has_primary:
                artifact.images.filter(is_primary=True).update(is_primary=False)
            order = artifact.images.count()
            records = []
            for n, item in enumerate(prepared):
                name = uuid.uuid4().hex
                record = ArtifactImage(
                    artifact=artifact,
                    width=item.width,
                    height=item.height,
                    is_primary=n == 0 and (primary or not has_primary),
                    order=order + n + 1,
                    **texts,
                )
                if credit:
                    record.credit = credit
                stored.save(record.original, f"{name}.jpg", item.original)
                stored.save(record.display, f"{name}.jpg", item.display)
                stored.save(record.thumbnail, f"{name}.jpg", item.thumbnail)
                record.save()
                records.append(record)
            audit_record(
                actor=actor,
                action="collection.image_add",
                target=artifact,
                images=[r.pk for r in records],
            )
    except BaseException:
        stored.delete_all()
        raise
    return records


def images_add(
    *,
    actor,
    artifact: Artifact,
    files: list[tuple[str, bytes]],
    primary: bool = False,
    credit: str = "",
    **texts: str,
) -> list[ArtifactImage]:
    """Add several images at once (the same alt_*/credit_* texts on each); all are added or none.

    `files` are (file name, content) pairs; the names only label the error messages. With
    `primary`, the first new image becomes the primary one.
    """
    _check_texts(texts)
    prepared = images_prepare(files)
    return _images_write(
        actor=actor, artifact=artifact, prepared=prepared, primary=primary, credit=credit, texts=texts
    )


def image_add(
    *,
    actor,
    artifact: Artifact,
    data: bytes,
    primary: bool = False,
    credit: str = "",
    **texts: str,
) -> ArtifactImage:
    """Add one image (alt_en=..., credit_kk=...). Refuses non-images and files over 10 MB."""
    _check_texts(texts)
    prepared = [image_prepare(data)]
    return _images_write(
        actor=actor, artifact=artifact, prepared=prepared, primary=primary, credit=credit, texts=texts
    )[0]


def image_update(*, actor, image: ArtifactImage, **texts: str) -> ArtifactImage:
    """Change the alt texts and credits of an image (only the fields given)."""
    _check_texts(texts)
    with transaction.atomic():
        image = ArtifactImage.objects.select_for_update().get(pk=image.pk)
        for name, value in texts.items():
            setattr(image, name, value.strip())
        image.save(update_fields=sorted(texts))
        audit_record(
            actor=actor,
            action="collection.image_update",
            target=image.artifact,
            image=image.pk,
            changed=sorted(texts),
        )
    return image


def image_set_primary(*, actor, image: ArtifactImage) -> ArtifactImage:
    """Make this image the one shown first; the artifact row is locked so two curators cannot race."""
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=image.artifact_id)
        image = ArtifactImage.objects.get(pk=image.pk, artifact=artifact)
        artifact.images.filter(is_primary=True).exclude(pk=image.pk).update(is_primary=False)
        if not image.is_primary:
            image.is_primary = True
            image.save(update_fields=["is_primary"])
        audit_record(actor=actor, action="collection.image_primary", target=artifact, image=image.pk)
    return image


def image_remove(*, actor, image: ArtifactImage) -> None:
    """Remove an image and its files (after commit); the next image becomes primary if needed."""
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=image.artifact_id)
        image = ArtifactImage.objects.get(pk=image.pk, artifact=artifact)
        was_primary, pk = image.is_primary, image.pk
        image.delete()
        if was_primary:
            successor = artifact.images.order_by("order", "pk").first()
            if successor is not None:
                successor.is_primary = True
                successor.save(update_fields=["is_primary"])
        _delete_files_on_commit(image)
        audit_record(actor=actor, action="collection.image_remove", target=artifact, image=pk)

"""Images: checked, stripped of EXIF and resized once at upload, never on each view."""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from shanyraq.collection.conf import IMAGE_DISPLAY_PX, IMAGE_MAX_BYTES, IMAGE_THUMB_PX
from shanyraq.collection.models import Artifact, ArtifactImage
from shanyraq.core.services import audit_record

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif"}


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


def image_add(
    *,
    actor,
    artifact: Artifact,
    data: bytes,
    primary: bool = False,
    credit: str = "",
    **alt: str,
) -> ArtifactImage:
    """Add an image (alt_en=..., alt_kk=...). Refuses non-images and files over 10 MB."""
    if len(data) > IMAGE_MAX_BYTES:
        raise ValidationError(_("The image is larger than 10 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or TIFF)."))
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG, WebP or TIFF)."))
    image = ImageOps.exif_transpose(image)
    name = uuid.uuid4().hex
    original, display, thumb = (
        _encode(image, None),
        _encode(image, IMAGE_DISPLAY_PX),
        _encode(image, IMAGE_THUMB_PX),
    )
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        has_primary = artifact.images.filter(is_primary=True).exists()
        if primary and has_primary:
            artifact.images.filter(is_primary=True).update(is_primary=False)
        record = ArtifactImage(
            artifact=artifact,
            width=image.width,
            height=image.height,
            credit=credit,
            is_primary=primary or not has_primary,
            order=artifact.images.count() + 1,
            **alt,
        )
        record.original.save(f"{name}.jpg", ContentFile(original), save=False)
        record.display.save(f"{name}.jpg", ContentFile(display), save=False)
        record.thumbnail.save(f"{name}.jpg", ContentFile(thumb), save=False)
        record.save()
        audit_record(actor=actor, action="collection.image_add", target=artifact, image=record.pk)
    return record

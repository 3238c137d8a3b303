"""Showcase images: checked, re-encoded (no EXIF: no GPS, no camera serial) before anything is stored.

The same approach as collection.services.images (which exchange may not import): decode with
Pillow under a pixel limit, apply the EXIF rotation, write a fresh JPEG."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from shanyraq.exchange import conf

ALLOWED = {"JPEG", "PNG", "WEBP"}


def image_clean(data: bytes) -> tuple[bytes, int, int]:
    """(JPEG bytes without metadata, width, height) or ValidationError in the member's language."""
    if len(data) > conf.get("EXCHANGE_IMAGE_MAX_BYTES"):
        raise ValidationError(
            _("The image is larger than %(mb)s MB.")
            % {"mb": conf.get("EXCHANGE_IMAGE_MAX_BYTES") // (1024 * 1024)}
        )
    unreadable = _("This file is not an image we can read (JPEG, PNG or WebP).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
        with probe:
            width, height = probe.size
            if width * height > conf.get("EXCHANGE_IMAGE_MAX_PIXELS"):
                raise ValidationError(
                    _("The image has too many pixels. Make it smaller and upload it again.")
                )
            if probe.format not in ALLOWED:
                raise ValidationError(unreadable)
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(unreadable)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((conf.get("EXCHANGE_IMAGE_DISPLAY_PX"),) * 2)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        image = background
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), image.width, image.height

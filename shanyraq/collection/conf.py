"""Settings of the collection module, overridable in Django settings."""

from __future__ import annotations

from django.conf import settings

# Accession numbers: `{year}` is the year of accessioning, `{seq}` the sequence within that year.
DEFAULT_ACCESSION_PATTERN = "KCC.{year}.{seq:04d}"


def accession_pattern() -> str:
    return getattr(settings, "COLLECTION_ACCESSION_PATTERN", DEFAULT_ACCESSION_PATTERN)


IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_DISPLAY_PX = 1600
IMAGE_THUMB_PX = 400
LOANS_DUE_DAYS = 60

# An image is refused before it is decoded when its header announces more pixels than this
# (settings.COLLECTION_IMAGE_MAX_PIXELS): a 100-megapixel PNG of a few MB took 1.26 GB to decode
# and resize. 50 megapixels covers a full-frame camera's photo of an object.
DEFAULT_IMAGE_MAX_PIXELS = 50_000_000


def image_max_pixels() -> int:
    return int(getattr(settings, "COLLECTION_IMAGE_MAX_PIXELS", DEFAULT_IMAGE_MAX_PIXELS))


# A CSV or XLSX import stops reading past this many rows (settings.COLLECTION_IMPORT_MAX_ROWS) and
# reports the file as too long: a 500,000-row workbook took 32 s of CPU before any check. Larger
# catalogues are imported in several files.
DEFAULT_IMPORT_MAX_ROWS = 50_000


def import_max_rows() -> int:
    return int(getattr(settings, "COLLECTION_IMPORT_MAX_ROWS", DEFAULT_IMPORT_MAX_ROWS))


# An XLSX is a zip: refuse one whose parts unpack to more than this (a zip bomb), before reading it.
IMPORT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

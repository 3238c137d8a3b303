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

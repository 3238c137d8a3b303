from __future__ import annotations

from django.db.models import QuerySet

from shanyraq.spaces.models import Space


def spaces_public() -> QuerySet[Space]:
    """What visitors may see: never storage or offices."""
    return Space.objects.filter(is_public=True).exclude(kind=Space.Kind.STORAGE)

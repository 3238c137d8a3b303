from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shanyraq.collection.models import Artifact, Exhibition, ExhibitionArtifact
from shanyraq.collection.services.indexing import exhibitions_index
from shanyraq.core.services import audit_record
from shanyraq.spaces.models import Space


def exhibition_create(
    *,
    actor,
    slug: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    halls: list[Space] | None = None,
    published: bool = False,
    **texts: Any,
) -> Exhibition:
    if end_date is not None and end_date < start_date:
        raise ValidationError(_("The exhibition must close after it opens."))
    with transaction.atomic():
        exhibition = Exhibition.objects.create(
            slug=slug, start_date=start_date, end_date=end_date, published=published, **texts
        )
        exhibition.halls.set(halls or [])
        audit_record(actor=actor, action="collection.exhibition_create", target=exhibition)
    exhibitions_index([exhibition.pk])
    return exhibition


def exhibition_artifact_add(
    *,
    actor,
    exhibition: Exhibition,
    artifact: Artifact,
    order: int | None = None,
    **labels: str,
) -> ExhibitionArtifact:
    """Add an artifact with its exhibition label (label_en=..., label_kk=...)."""
    with transaction.atomic():
        if order is None:
            order = exhibition.items.count() + 1
        item, _created = ExhibitionArtifact.objects.update_or_create(
            exhibition=exhibition, artifact=artifact, defaults={"order": order, **labels}
        )
        audit_record(
            actor=actor,
            action="collection.exhibition_add",
            target=exhibition,
            artifact=artifact.accession_number,
        )
    return item

"""Location and movement control, condition checks, inventory and deaccession (Spectrum)."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.collection.models import (
    Artifact,
    ConditionCheck,
    ConditionCheckImage,
    Deaccession,
    InventorySighting,
    InventorySweep,
    Movement,
)
from shanyraq.collection.services.images import images_prepare
from shanyraq.collection.services.indexing import artifacts_index
from shanyraq.core.services import audit_record
from shanyraq.spaces.models import Space

LOCKED_STATUSES = {Artifact.Status.DEACCESSIONED, Artifact.Status.RETURNED_TO_LENDER}


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def status_for(space: Space) -> str:
    """An artifact in a public exhibition hall is on view; anywhere else it is in storage."""
    if space.kind == Space.Kind.HALL and space.is_public:
        return Artifact.Status.ON_VIEW
    return Artifact.Status.IN_STORAGE


def artifact_move(
    *,
    actor,
    artifact: Artifact,
    space: Space,
    reason: str,
    location_detail: str = "",
    note: str = "",
    moved_at: datetime.datetime | None = None,
    index: bool = True,
) -> Movement:
    """Record a movement; the artifact's location is always its latest movement."""
    if reason not in Movement.Reason.values:
        raise ValidationError(_("Unknown reason for the movement."))
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        if artifact.status in LOCKED_STATUSES:
            raise ValidationError(_("This artifact is no longer in the collection and cannot be moved."))
        if artifact.status == Artifact.Status.ON_LOAN_OUT:
            raise ValidationError(_("This artifact is on loan out; record its return first."))
        movement = Movement.objects.create(
            artifact=artifact,
            space=space,
            location_detail=location_detail,
            note=note,
            moved_at=moved_at or timezone.now(),
            moved_by=_user(actor),
            reason=reason,
        )
        latest = Movement.objects.filter(artifact=artifact).latest()
        artifact.current_movement = latest
        artifact.current_space = latest.space
        artifact.status = status_for(latest.space)
        artifact.save(update_fields=["current_movement", "current_space", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="collection.artifact_move",
            target=artifact,
            space=space.slug,
            detail=location_detail,
            reason=reason,
        )
    if index:
        artifacts_index([artifact.pk])
    return movement


def condition_check_record(
    *,
    actor,
    artifact: Artifact,
    grade: str,
    checked_on: datetime.date | None = None,
    notes: str = "",
    checked_by=None,
    images: list[tuple[str, bytes]] | None = None,
) -> ConditionCheck:
    """Append a condition check, with its photographs; every photograph is checked before any write.

    `checked_by` is the person who examined the artifact (the actor by default); `images` are
    (file name, content) pairs, stored as staff-only evidence (see ConditionCheckImage).
    """
    if grade not in ConditionCheck.Grade.values:
        raise ValidationError(_("Unknown condition grade."))
    checked_on = checked_on or timezone.localdate()
    if checked_on > timezone.localdate():
        raise ValidationError(_("A condition check cannot be dated in the future."))
    prepared = images_prepare(images) if images else []
    stored: list = []
    try:
        with transaction.atomic():
            check = ConditionCheck.objects.create(
                artifact=artifact,
                grade=grade,
                checked_on=checked_on,
                checked_by=_user(checked_by) or _user(actor),
                notes=notes,
            )
            for item in prepared:
                name = uuid.uuid4().hex
                photo = ConditionCheckImage(condition_check=check, width=item.width, height=item.height)
                photo.original.save(f"{name}.jpg", ContentFile(item.original), save=False)
                stored.append(photo.original)
                photo.thumbnail.save(f"{name}.jpg", ContentFile(item.thumbnail), save=False)
                stored.append(photo.thumbnail)
                photo.save()
            audit_record(
                actor=actor,
                action="collection.condition_check",
                target=artifact,
                grade=grade,
                images=len(prepared),
            )
    except BaseException:
        for field in stored:
            field.storage.delete(field.name)
        raise
    return check


def inventory_sweep_start(*, actor, space: Space) -> InventorySweep:
    with transaction.atomic():
        sweep = InventorySweep.objects.create(space=space, started_at=timezone.now(), started_by=_user(actor))
        audit_record(actor=actor, action="collection.inventory_start", target=sweep, space=space.slug)
    return sweep


def inventory_sweep_mark_seen(*, actor, sweep: InventorySweep, accession_numbers: list[str]) -> list[str]:
    """Mark artifacts seen; returns the accession numbers that are unknown."""
    if sweep.finished_at:
        raise ValidationError(_("This inventory sweep is finished."))
    found = dict(
        Artifact.objects.filter(accession_number__in=accession_numbers).values_list("accession_number", "pk")
    )
    now = timezone.now()
    with transaction.atomic():
        InventorySighting.objects.bulk_create(
            [InventorySighting(sweep=sweep, artifact_id=pk, seen_at=now) for pk in found.values()],
            ignore_conflicts=True,
        )
    return [number for number in accession_numbers if number not in found]


def inventory_sweep_finish(*, actor, sweep: InventorySweep) -> list[Artifact]:
    """Close the sweep and return the artifacts whose location is this space but were not seen."""
    from shanyraq.collection.selectors import inventory_missing

    with transaction.atomic():
        sweep = InventorySweep.objects.select_for_update().get(pk=sweep.pk)
        sweep.finished_at = timezone.now()
        sweep.save(update_fields=["finished_at"])
        missing = list(inventory_missing(sweep))
        audit_record(
            actor=actor,
            action="collection.inventory_finish",
            target=sweep,
            missing=[a.accession_number for a in missing],
        )
    return missing


def artifact_deaccession(
    *,
    actor,
    artifact: Artifact,
    method: str,
    reason: str,
    decided_on: datetime.date | None = None,
) -> Deaccession:
    """Deaccession keeps the record (and its history) but takes it off public pages for good."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the deaccession."))
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        if artifact.status == Artifact.Status.DEACCESSIONED:
            raise ValidationError(_("This artifact is already deaccessioned."))
        if artifact.status == Artifact.Status.ON_LOAN_OUT:
            raise ValidationError(_("This artifact is on loan out; record its return first."))
        deaccession = Deaccession.objects.create(
            artifact=artifact,
            method=method,
            reason=reason,
            decided_on=decided_on or timezone.localdate(),
            authorized_by=_user(actor),
        )
        artifact.status = Artifact.Status.DEACCESSIONED
        artifact.published = False
        artifact.save(update_fields=["status", "published", "updated_at"])
        audit_record(actor=actor, action="collection.deaccession", target=artifact, method=method)
    artifacts_index([artifact.pk])
    return deaccession

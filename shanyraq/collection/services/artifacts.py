"""Accession numbers and artifact records."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.collection.conf import accession_pattern
from shanyraq.collection.models import AccessionCounter, Acquisition, Artifact, ObjectEntry, Term
from shanyraq.collection.models.artifacts import NEVER_PUBLIC_STATUSES
from shanyraq.collection.services.indexing import artifacts_index
from shanyraq.core.services import audit_record


def accession_number_next(*, year: int | None = None) -> str:
    """Take the next number of the year's counter; the counter row is locked, so two curators
    accessioning at the same moment never receive the same number. Must run inside a transaction."""
    year = year or timezone.localdate().year
    key = str(year)
    try:
        with transaction.atomic():
            AccessionCounter.objects.get_or_create(key=key)
    except IntegrityError:
        pass  # another transaction created it first; we lock it below
    counter = AccessionCounter.objects.select_for_update().get(key=key)
    pattern = accession_pattern()
    while True:
        counter.last += 1
        number = pattern.format(year=year, seq=counter.last)
        # A number typed in by an import must not be handed out again.
        if not Artifact.objects.filter(accession_number=number).exists():
            break
    AccessionCounter.objects.filter(pk=counter.pk).update(last=counter.last)
    return number


def _set_terms(artifact: Artifact, materials, techniques) -> None:
    if materials is not None:
        artifact.materials.set(materials)
    if techniques is not None:
        artifact.techniques.set(techniques)


def _check_terms(fields: dict[str, Any], materials, techniques) -> None:
    expected = {
        "category": Term.Vocabulary.CATEGORY,
        "period": Term.Vocabulary.PERIOD,
        "object_type": Term.Vocabulary.OBJECT_TYPE,
    }
    for name, vocabulary in expected.items():
        term = fields.get(name)
        if term is not None and term.vocabulary != vocabulary:
            raise ValidationError(_("%(term)s is not a term of this vocabulary.") % {"term": term.slug})
    for terms, vocabulary in ((materials, Term.Vocabulary.MATERIAL), (techniques, Term.Vocabulary.TECHNIQUE)):
        for term in terms or []:
            if term.vocabulary != vocabulary:
                raise ValidationError(_("%(term)s is not a term of this vocabulary.") % {"term": term.slug})
    earliest, latest = fields.get("earliest_year"), fields.get("latest_year")
    if earliest is not None and latest is not None and earliest > latest:
        raise ValidationError(_("The earliest year must not be after the latest year."))


def artifact_create(
    *,
    actor,
    accession_number: str | None = None,
    materials: list[Term] | None = None,
    techniques: list[Term] | None = None,
    index: bool = True,
    **fields: Any,
) -> Artifact:
    """Create an artifact; without an accession number the next one is assigned."""
    _check_terms(fields, materials, techniques)
    if fields.get("published") and fields.get("status") in NEVER_PUBLIC:
        raise ValidationError(_("This artifact cannot be published in its present status."))
    with transaction.atomic():
        if accession_number:
            if Artifact.objects.filter(accession_number=accession_number).exists():
                raise ValidationError(
                    _("Accession number %(number)s is already used.") % {"number": accession_number}
                )
        else:
            accession_number = accession_number_next()
        artifact = Artifact.objects.create(accession_number=accession_number, **fields)
        _set_terms(artifact, materials, techniques)
        audit_record(actor=actor, action="collection.artifact_create", target=artifact)
    if index:
        artifacts_index([artifact.pk])
    return artifact


# Fields a curator may edit directly; location and status change only through procedures.
EDITABLE_EXCLUDED = {
    "accession_number",
    "current_movement",
    "current_movement_id",
    "current_space",
    "current_space_id",
    "status",
    "id",
    "pk",
}
# Statuses that can never be public: publishing is refused, so `published` alone means visible.
NEVER_PUBLIC = {Artifact.Status(status) for status in NEVER_PUBLIC_STATUSES}


def artifact_update(
    *,
    actor,
    artifact: Artifact,
    materials: list[Term] | None = None,
    techniques: list[Term] | None = None,
    index: bool = True,
    **fields: Any,
) -> Artifact:
    bad = set(fields) & EDITABLE_EXCLUDED
    if bad:
        raise ValidationError(
            _("These fields change only through collection procedures: %(fields)s")
            % {"fields": ", ".join(sorted(bad))}
        )
    _check_terms(fields, materials, techniques)
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        if fields.get("published") and artifact.status in NEVER_PUBLIC:
            raise ValidationError(_("This artifact cannot be published in its present status."))
        changed = {}
        for name, value in fields.items():
            if getattr(artifact, name) != value:
                changed[name] = str(value)[:200]
                setattr(artifact, name, value)
        artifact.save()
        _set_terms(artifact, materials, techniques)
        audit_record(
            actor=actor, action="collection.artifact_update", target=artifact, changed=sorted(changed)
        )
    if index:
        artifacts_index([artifact.pk])
    return artifact


def artifact_publish(*, actor, artifact: Artifact, published: bool = True) -> Artifact:
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        if published and artifact.status in NEVER_PUBLIC:
            raise ValidationError(_("This artifact cannot be published in its present status."))
        artifact.published = published
        artifact.save(update_fields=["published", "updated_at"])
        audit_record(actor=actor, action="collection.artifact_publish", target=artifact, published=published)
    artifacts_index([artifact.pk])
    return artifact


def object_entry_record(
    *,
    actor,
    artifact: Artifact,
    entry_number: str,
    reason: str,
    depositor: str,
    entered_at: datetime.datetime | None = None,
    note: str = "",
) -> ObjectEntry:
    with transaction.atomic():
        entry = ObjectEntry.objects.create(
            artifact=artifact,
            entry_number=entry_number,
            reason=reason,
            depositor=depositor,
            entered_at=entered_at or timezone.now(),
            received_by=actor if getattr(actor, "pk", None) else None,
            note=note,
        )
        audit_record(actor=actor, action="collection.object_entry", target=artifact, entry=entry_number)
    return entry


def artifact_accession(
    *,
    actor,
    artifact: Artifact,
    method: str,
    acquired_on: datetime.date,
    source: str = "",
    note: str = "",
) -> Acquisition:
    """Acquisition and accessioning: the artifact joins the permanent collection."""
    with transaction.atomic():
        artifact = Artifact.objects.select_for_update().get(pk=artifact.pk)
        if Acquisition.objects.filter(artifact=artifact).exists():
            raise ValidationError(_("This artifact is already accessioned."))
        acquisition = Acquisition.objects.create(
            artifact=artifact,
            method=method,
            acquired_on=acquired_on,
            source=source,
            note=note,
            accessioned_by=actor if getattr(actor, "pk", None) else None,
        )
        if artifact.status == Artifact.Status.ENTERED:
            artifact.status = Artifact.Status.IN_STORAGE
            artifact.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="collection.accession", target=artifact, method=method)
    return acquisition

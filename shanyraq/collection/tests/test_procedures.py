"""Spectrum procedures: each writes history; location always follows the latest movement."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from shanyraq.collection.models import Artifact, Movement
from shanyraq.collection.selectors import inventory_missing, loans_in_due
from shanyraq.collection.services.artifacts import artifact_accession, artifact_create, object_entry_record
from shanyraq.collection.services.loans import (
    loan_in_create,
    loan_in_return,
    loan_out_create,
    loan_out_return,
)
from shanyraq.collection.services.procedures import (
    artifact_deaccession,
    artifact_move,
    condition_check_record,
    inventory_sweep_finish,
    inventory_sweep_mark_seen,
    inventory_sweep_start,
)
from shanyraq.collection.tests.factories import ArtifactFactory, SpaceFactory, StorageFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_location_is_the_latest_movement_with_who_when_why(curator):
    artifact = ArtifactFactory()
    hall, storage = SpaceFactory(slug="hall-a"), StorageFactory()
    artifact_move(
        actor=curator, artifact=artifact, space=storage, reason="storage", location_detail="Shelf 4"
    )
    artifact_move(
        actor=curator, artifact=artifact, space=hall, reason="installation", location_detail="Case 2"
    )
    artifact.refresh_from_db()
    movement = artifact.current_movement
    assert (movement.space.slug, movement.location_detail, movement.moved_by, movement.reason) == (
        "hall-a",
        "Case 2",
        curator,
        "installation",
    )
    assert artifact.status == Artifact.Status.ON_VIEW
    assert Movement.objects.filter(artifact=artifact).count() == 2


def test_a_backdated_movement_does_not_replace_the_latest_location(curator):
    artifact = ArtifactFactory()
    hall, storage = SpaceFactory(slug="hall-b"), StorageFactory()
    artifact_move(actor=curator, artifact=artifact, space=hall, reason="installation")
    artifact_move(
        actor=curator,
        artifact=artifact,
        space=storage,
        reason="storage",
        moved_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    artifact.refresh_from_db()
    assert artifact.current_movement.space == hall


def test_moving_to_storage_puts_the_artifact_in_storage(curator):
    artifact = ArtifactFactory(status=Artifact.Status.ON_VIEW)
    artifact_move(actor=curator, artifact=artifact, space=StorageFactory(), reason="storage")
    artifact.refresh_from_db()
    assert artifact.status == Artifact.Status.IN_STORAGE


def test_a_move_is_audited(curator):
    artifact = ArtifactFactory()
    artifact_move(actor=curator, artifact=artifact, space=SpaceFactory(), reason="installation")
    event = AuditEvent.objects.get(action="collection.artifact_move")
    assert (event.actor, event.target_id) == (curator, str(artifact.pk))


def test_object_entry_and_accessioning_record_history(curator):
    artifact = artifact_create(actor=curator, title_en="Dombra", status=Artifact.Status.ENTERED)
    object_entry_record(
        actor=curator, artifact=artifact, entry_number="OE-1", reason="acquisition", depositor="A. Master"
    )
    artifact_accession(actor=curator, artifact=artifact, method="gift", acquired_on=datetime.date(2025, 8, 1))
    artifact.refresh_from_db()
    assert artifact.status == Artifact.Status.IN_STORAGE
    assert artifact.entries.get().depositor == "A. Master"
    with pytest.raises(ValidationError):
        artifact_accession(
            actor=curator, artifact=artifact, method="gift", acquired_on=datetime.date(2025, 8, 1)
        )


def test_loans_due_within_60_days_are_listed_in_due_order(curator):
    today = datetime.date(2026, 1, 1)
    art = ArtifactFactory()
    later = loan_in_create(
        actor=curator,
        lender="Central State Museum",
        agreement_number="L-2",
        artifacts=[art],
        insurance_value=Decimal("1000"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 2, 20),
    )
    soon = loan_in_create(
        actor=curator,
        lender="National Museum",
        agreement_number="L-1",
        artifacts=[art],
        insurance_value=Decimal("5000"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 1, 10),
    )
    loan_in_create(
        actor=curator,
        lender="Far",
        agreement_number="L-3",
        artifacts=[art],
        insurance_value=Decimal("1"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 3, 5),
    )
    assert list(loans_in_due(today=today)) == [soon, later]


def test_a_returned_loan_in_is_no_longer_due_and_its_artifacts_leave_public_view(curator):
    art = ArtifactFactory(published=True)
    loan = loan_in_create(
        actor=curator,
        lender="X",
        agreement_number="L-9",
        artifacts=[art],
        insurance_value=Decimal("1"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 10, 1),
    )
    loan_in_return(actor=curator, loan=loan)
    art.refresh_from_db()
    assert (art.status, art.published) == (Artifact.Status.RETURNED_TO_LENDER, False)
    assert list(loans_in_due(today=datetime.date(2025, 9, 20))) == []


def test_loan_out_blocks_moves_until_the_return_moves_it_home(curator):
    art = ArtifactFactory()
    storage = StorageFactory()
    loan = loan_out_create(
        actor=curator,
        borrower="Palace Museum",
        agreement_number="LO-1",
        artifacts=[art],
        insurance_value=Decimal("10"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 12, 1),
    )
    art.refresh_from_db()
    assert art.status == Artifact.Status.ON_LOAN_OUT
    with pytest.raises(ValidationError):
        artifact_move(actor=curator, artifact=art, space=storage, reason="storage")
    loan_out_return(actor=curator, loan=loan, space=storage, location_detail="Shelf 1")
    art.refresh_from_db()
    assert (art.status, art.current_movement.location_detail) == (Artifact.Status.IN_STORAGE, "Shelf 1")


def test_a_loan_must_end_after_it_starts(curator):
    with pytest.raises(ValidationError):
        loan_in_create(
            actor=curator,
            lender="X",
            agreement_number="L-0",
            artifacts=[],
            insurance_value=Decimal("1"),
            start_date=datetime.date(2025, 9, 1),
            end_date=datetime.date(2025, 8, 1),
        )


def test_condition_checks_keep_each_grade(curator):
    art = ArtifactFactory()
    condition_check_record(actor=curator, artifact=art, grade="good", checked_on=datetime.date(2025, 1, 1))
    condition_check_record(
        actor=curator, artifact=art, grade="fair", checked_on=datetime.date(2025, 6, 1), notes="Crack"
    )
    assert list(art.condition_checks.values_list("grade", "checked_by")) == [
        ("fair", curator.pk),
        ("good", curator.pk),
    ]


def test_inventory_sweep_lists_the_artifacts_not_seen(curator):
    hall = SpaceFactory(slug="hall-inv")
    seen, missing = ArtifactFactory(accession_number="A.1"), ArtifactFactory(accession_number="A.2")
    elsewhere = ArtifactFactory(accession_number="A.3")
    for art in (seen, missing):
        artifact_move(actor=curator, artifact=art, space=hall, reason="installation")
    artifact_move(actor=curator, artifact=elsewhere, space=StorageFactory(), reason="storage")
    sweep = inventory_sweep_start(actor=curator, space=hall)
    assert inventory_sweep_mark_seen(actor=curator, sweep=sweep, accession_numbers=["A.1", "NOPE"]) == [
        "NOPE"
    ]
    assert list(inventory_missing(sweep)) == [missing]
    assert inventory_sweep_finish(actor=curator, sweep=sweep) == [missing]


def test_deaccession_keeps_the_record_and_unpublishes_it(curator):
    art = ArtifactFactory(published=True)
    artifact_deaccession(
        actor=curator, artifact=art, method="transfer", reason="Transferred to the national museum"
    )
    art.refresh_from_db()
    assert (art.status, art.published, art.deaccession.method) == (
        Artifact.Status.DEACCESSIONED,
        False,
        "transfer",
    )
    with pytest.raises(ValidationError):
        artifact_move(actor=curator, artifact=art, space=SpaceFactory(), reason="installation")
    assert Artifact.objects.filter(pk=art.pk).exists()

"""Loans in (we borrow) and loans out (we lend)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.collection.models import Artifact, LoanIn, LoanOut
from shanyraq.collection.services.indexing import artifacts_index
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.core import when
from shanyraq.core.services import audit_record
from shanyraq.spaces.models import Space


def _check_agreement(
    model, *, agreement_number: str, insurance_value: Decimal, start: datetime.date, end: datetime.date
) -> None:
    """The checks loans in and loans out share: dates in order, insurance, a new agreement number."""
    if end < start:
        raise ValidationError(_("The loan must end after it starts."))
    if insurance_value < 0:
        raise ValidationError(_("The insurance value cannot be negative."))
    if model.objects.filter(agreement_number=agreement_number).exists():
        raise ValidationError(
            _("Agreement number %(number)s is already used.") % {"number": agreement_number}
        )


def loan_in_create(
    *,
    actor,
    lender: str,
    agreement_number: str,
    artifacts: list[Artifact],
    insurance_value: Decimal,
    start_date: datetime.date,
    end_date: datetime.date,
    conditions: str = "",
    currency: str = "USD",
) -> LoanIn:
    _check_agreement(
        LoanIn,
        agreement_number=agreement_number,
        insurance_value=insurance_value,
        start=start_date,
        end=end_date,
    )
    with transaction.atomic():
        loan = LoanIn.objects.create(
            lender=lender,
            agreement_number=agreement_number,
            insurance_value=insurance_value,
            currency=currency,
            start_date=start_date,
            end_date=end_date,
            conditions=conditions,
        )
        loan.artifacts.set(artifacts)
        audit_record(actor=actor, action="collection.loan_in_create", target=loan, artifacts=len(artifacts))
    return loan


def loan_in_return(*, actor, loan: LoanIn, returned_on: datetime.date | None = None) -> LoanIn:
    """The lender has its artifacts back: they leave our displays and public pages."""
    with transaction.atomic():
        loan = LoanIn.objects.select_for_update().get(pk=loan.pk)
        if loan.status == LoanIn.Status.RETURNED:
            raise ValidationError(_("This loan is already returned."))
        loan.status = LoanIn.Status.RETURNED
        loan.returned_on = returned_on or timezone.localdate()
        loan.save(update_fields=["status", "returned_on"])
        ids = list(loan.artifacts.values_list("pk", flat=True))
        Artifact.objects.filter(pk__in=ids).update(status=Artifact.Status.RETURNED_TO_LENDER, published=False)
        audit_record(actor=actor, action="collection.loan_in_return", target=loan)
    artifacts_index(ids)
    return loan


def loan_out_create(
    *,
    actor,
    borrower: str,
    agreement_number: str,
    artifacts: list[Artifact],
    insurance_value: Decimal,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str = "",
    conditions: str = "",
    currency: str = "USD",
) -> LoanOut:
    _check_agreement(
        LoanOut,
        agreement_number=agreement_number,
        insurance_value=insurance_value,
        start=start_date,
        end=end_date,
    )
    with transaction.atomic():
        locked = list(Artifact.objects.select_for_update().filter(pk__in=[a.pk for a in artifacts]))
        for artifact in locked:
            if artifact.status not in (Artifact.Status.ON_VIEW, Artifact.Status.IN_STORAGE):
                raise ValidationError(
                    _("%(number)s cannot be lent in its present status.")
                    % {"number": artifact.accession_number}
                )
            if artifact.loans_in.filter(status=LoanIn.Status.ACTIVE).exists():
                raise ValidationError(
                    _("%(number)s is itself on loan to us and cannot be lent on.")
                    % {"number": artifact.accession_number}
                )
            promised = (
                artifact.loans_out.filter(status__in=[LoanOut.Status.AGREED, LoanOut.Status.ACTIVE])
                .filter(start_date__lte=end_date, end_date__gte=start_date)
                .first()
            )
            if promised is not None:
                raise ValidationError(
                    _("%(number)s is already promised to %(borrower)s from %(start)s to %(end)s.")
                    % {
                        "number": artifact.accession_number,
                        "borrower": promised.borrower,
                        "start": when.day(promised.start_date),
                        "end": when.day(promised.end_date),
                    }
                )
        starts_later = start_date > timezone.localdate()
        loan = LoanOut.objects.create(
            borrower=borrower,
            venue=venue,
            agreement_number=agreement_number,
            insurance_value=insurance_value,
            currency=currency,
            start_date=start_date,
            end_date=end_date,
            conditions=conditions,
            status=LoanOut.Status.AGREED if starts_later else LoanOut.Status.ACTIVE,
        )
        loan.artifacts.set(locked)
        if not starts_later:
            Artifact.objects.filter(pk__in=[a.pk for a in locked]).update(status=Artifact.Status.ON_LOAN_OUT)
        audit_record(actor=actor, action="collection.loan_out_create", target=loan, artifacts=len(locked))
    artifacts_index([a.pk for a in locked])
    return loan


def loans_out_start(*, today: datetime.date | None = None) -> int:
    """Agreed loans whose first day has come start: their artifacts leave (status on loan out).

    Until then the objects are still in the hall, and the public page says so (a loan agreed
    16 days ahead used to show "lent to another museum" at once). Run daily by the scheduler."""
    today = today or timezone.localdate()
    started = 0
    for loan_id in LoanOut.objects.filter(status=LoanOut.Status.AGREED, start_date__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            loan = LoanOut.objects.select_for_update().get(pk=loan_id)
            if loan.status != LoanOut.Status.AGREED:
                continue
            loan.status = LoanOut.Status.ACTIVE
            loan.save(update_fields=["status"])
            ids = list(loan.artifacts.values_list("pk", flat=True))
            Artifact.objects.filter(pk__in=ids).update(status=Artifact.Status.ON_LOAN_OUT)
            audit_record(actor=None, action="collection.loan_out_start", target=loan, artifacts=len(ids))
        artifacts_index(ids)
        started += 1
    return started


def loan_out_return(
    *,
    actor,
    loan: LoanOut,
    space: Space,
    location_detail: str = "",
    returned_on: datetime.date | None = None,
) -> LoanOut:
    """The artifacts come home: each gets a movement into the given space."""
    returned_on = returned_on or timezone.localdate()
    if returned_on > timezone.localdate():
        raise ValidationError(_("The return date cannot be in the future."))
    with transaction.atomic():
        loan = LoanOut.objects.select_for_update().get(pk=loan.pk)
        if loan.status == LoanOut.Status.RETURNED:
            raise ValidationError(_("This loan is already returned."))
        if loan.status == LoanOut.Status.AGREED:
            raise ValidationError(_("This loan has not started: the artifacts have not left."))
        if returned_on < loan.start_date:
            raise ValidationError(_("The artifacts cannot come back before the loan starts."))
        loan.status = LoanOut.Status.RETURNED
        loan.returned_on = returned_on
        loan.save(update_fields=["status", "returned_on"])
        artifacts = list(loan.artifacts.all())
        Artifact.objects.filter(pk__in=[a.pk for a in artifacts]).update(status=Artifact.Status.IN_STORAGE)
        for artifact in artifacts:
            artifact_move(
                actor=actor,
                artifact=artifact,
                space=space,
                reason="arrival",
                location_detail=location_detail,
                index=False,
            )
        audit_record(actor=actor, action="collection.loan_out_return", target=loan)
    artifacts_index([a.pk for a in artifacts])
    return loan

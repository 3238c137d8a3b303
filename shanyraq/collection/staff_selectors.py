"""Reads for the staff pages: loans out, condition history, images, finding an artifact by number.

Kept apart from `selectors.py` (whose functions are scoped for visitors) so that a staff-only
read, which may return unpublished artifacts and insurance values, is never used on a public page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from shanyraq.collection.conf import LOANS_DUE_DAYS
from shanyraq.collection.models import Artifact, ArtifactImage, ConditionCheck, LoanOut

STAFF_FIND_LIMIT = 50


@dataclass
class LoansOutOverview:
    """Active loans out by urgency, and the latest returned ones."""

    overdue: list[LoanOut] = field(default_factory=list)
    due_soon: list[LoanOut] = field(default_factory=list)
    active: list[LoanOut] = field(default_factory=list)
    returned: list[LoanOut] = field(default_factory=list)
    today: datetime.date | None = None
    days: int = LOANS_DUE_DAYS


def loans_out_overview(
    *, today: datetime.date | None = None, days: int = LOANS_DUE_DAYS, returned_limit: int = 20
) -> LoansOutOverview:
    """Overdue (due date passed), due back within `days`, active later; each by due date."""
    today = today or timezone.localdate()
    overview = LoansOutOverview(today=today, days=days)
    soon = today + datetime.timedelta(days=days)
    for loan in LoanOut.objects.filter(status=LoanOut.Status.ACTIVE).prefetch_related("artifacts"):
        if loan.end_date < today:
            overview.overdue.append(loan)
        elif loan.end_date <= soon:
            overview.due_soon.append(loan)
        else:
            overview.active.append(loan)
    overview.returned = list(
        LoanOut.objects.filter(status=LoanOut.Status.RETURNED)
        .prefetch_related("artifacts")
        .order_by("-returned_on", "-pk")[:returned_limit]
    )
    return overview


def loan_out_get(pk: int) -> LoanOut:
    return LoanOut.objects.prefetch_related("artifacts__current_movement__space").get(pk=pk)


def condition_checks_of(artifact: Artifact) -> QuerySet[ConditionCheck]:
    """The artifact's condition history, newest first, with who checked and the photographs."""
    return artifact.condition_checks.select_related("checked_by").prefetch_related("images")


def images_of(artifact: Artifact) -> QuerySet[ArtifactImage]:
    return ArtifactImage.objects.filter(artifact=artifact).order_by("-is_primary", "order", "pk")


def artifacts_staff_find(q: str) -> list[Artifact]:
    """Staff search by accession number (exact, then prefix) or title in any language."""
    q = q.strip()
    if not q:
        return []
    titles = Q()
    for suffix in ("zh_hans", "en", "kk", "ru"):
        titles |= Q(**{f"title_{suffix}__icontains": q})
    return list(
        Artifact.objects.filter(Q(accession_number__istartswith=q) | titles)
        .select_related("current_space")
        .order_by("accession_number")[:STAFF_FIND_LIMIT]
    )

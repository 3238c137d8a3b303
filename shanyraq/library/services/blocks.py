"""Manual blocks on a reader: put on and lifted by the desk, always with an audit row.

A block does not stop the desk outright: like Koha's restrictions it appears among the checkout
warnings, and a member of staff may lend anyway with a reason. It does stop what the reader does
alone (renewing, placing holds), because nobody is there to judge the case.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.library.models import Patron, PatronBlock

REASON_MAX = PatronBlock._meta.get_field("reason").max_length


def active_blocks(patron: Patron, today: dt.date) -> QuerySet[PatronBlock]:
    """Blocks not lifted whose end date (if any) is today or later."""
    return patron.blocks.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gte=today))


def block_add(*, patron: Patron, reason: str, until: dt.date | None = None, actor=None) -> PatronBlock:
    reason = " ".join((reason or "").split())
    errors = {}
    if not reason:
        errors["reason"] = _("Please say why the reader is blocked.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("At most %(n)s characters, please.") % {"n": REASON_MAX}
    if until is not None and until < timezone.localdate():
        errors["until"] = _("The end date is already past.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        block = PatronBlock.objects.create(patron=patron, reason=reason, until=until)
        audit_record(actor=actor, action="patron.block", target=patron, block=block.pk)
    return block


def block_lift(*, block: PatronBlock, actor=None) -> PatronBlock:
    with transaction.atomic():
        lifted = PatronBlock.objects.filter(pk=block.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        block.refresh_from_db()
        if lifted:
            audit_record(actor=actor, action="patron.unblock", target=block.patron, block=block.pk)
    return block


def refuse_if_blocked(patron: Patron, today: dt.date) -> None:
    """For what the reader does alone: a blocked account gets a clear refusal (the reason is staff's
    note and is not shown to the reader)."""
    if active_blocks(patron, today).exists():
        raise ValidationError(_("This library account is blocked. Please contact the library."))

"""Loan history is forgotten N days after return unless the patron asked us to keep it, and a
patron's erasure leaves nothing of them in the library.

Anonymizing keeps what statistics need (the copy, the month, the patron category; the language
comes from the record; a hold's record and status) and drops every link to the person: the
loan's or hold's patron, the reader as actor on the audit rows about them (renewals, holds
placed or cancelled by the reader), and the e-mails about them still in the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import admin_log_forget, audit_forget, audit_record
from shanyraq.library.models import ACTIVE_HOLD, FINISHED_HOLD, Hold, Loan, Patron
from shanyraq.library.services.patrons import keeps_history
from shanyraq.mail.services import outbox_erase_about
from shanyraq.people.models import Person


def history_days() -> int:
    return int(getattr(settings, "LIBRARY_LOAN_HISTORY_DAYS", 30))


def _readers_keeping_history(patron_ids: set[int]) -> set[int]:
    patrons = Patron.objects.filter(pk__in=patron_ids).select_related("person")
    return {p.pk for p in patrons if keeps_history(p)}


def _cleared(model) -> dict:
    """Free text staff wrote about the reader goes with the link to the reader."""
    return {"override_reason": ""} if model is Loan else {}


def _anonymize(model, due) -> int:
    """Unlink these loans or holds from their patrons, and the readers from their audit rows."""
    with transaction.atomic():
        rows = list(due.select_for_update(of=("self",)).values_list("pk", "patron__person__user"))
        if not rows:
            return 0
        ids = [pk for pk, _user in rows]
        users = {u for _pk, u in rows if u is not None}
        audit_forget(targets=[model(pk=pk) for pk in ids], users=users)
        admin_log_forget(targets=[model(pk=pk) for pk in ids])
        outbox_erase_about(related_type=model._meta.label_lower, ids=ids)
        for i in range(0, len(ids), 900):
            model.objects.filter(pk__in=ids[i : i + 900]).update(
                patron=None, anonymized=True, **_cleared(model)
            )
    return len(ids)


def loans_anonymize(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=history_days() if days is None else days)
    due = Loan.objects.filter(returned_at__lt=cutoff, anonymized=False, patron__isnull=False)
    keep = _readers_keeping_history(set(due.values_list("patron_id", flat=True)))
    return _anonymize(Loan, due.exclude(patron_id__in=keep))


def holds_anonymize(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Finished holds (collected, cancelled, expired) placed and ended before the cutoff."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=history_days() if days is None else days)
    due = Hold.objects.filter(FINISHED_HOLD, placed_at__lt=cutoff, anonymized=False, patron__isnull=False)
    due = due.exclude(ready_until__gte=timezone.localtime(cutoff).date())
    keep = _readers_keeping_history(set(due.values_list("patron_id", flat=True)))
    return _anonymize(Hold, due.exclude(patron_id__in=keep))


def history_anonymize(*, now: dt.datetime | None = None, days: int | None = None) -> tuple[int, int]:
    """The daily job: (loans, holds) anonymized."""
    return loans_anonymize(now=now, days=days), holds_anonymize(now=now, days=days)


def person_forget(*, person: Person, actor=None) -> Iterable[str]:
    """Erasure hook (people.conf): the card goes, loans stay as anonymous statistics, holds go.

    Refused while books are still borrowed. Returns the card barcode, which named the reader.
    """
    patron = Patron.objects.filter(person=person).first()
    if patron is None:
        return []
    with transaction.atomic():
        patron = Patron.objects.select_for_update().get(pk=patron.pk)
        if Loan.objects.filter(patron=patron, returned_at__isnull=True).exists():
            raise ValidationError(_("Please return all borrowed books before the card is deleted."))
        for hold in Hold.objects.filter(ACTIVE_HOLD, patron=patron):
            from shanyraq.library.services.circulation import hold_cancel

            hold_cancel(hold=hold, actor=actor)  # a ready copy goes to the next reader
        loans = list(Loan.objects.filter(patron=patron).only("pk"))
        holds = list(Hold.objects.filter(patron=patron).only("pk"))
        audit_forget(targets=[*loans, *holds, patron], users=[person.user], words=[patron.barcode])
        admin_log_forget(targets=[*loans, *holds, patron], words=[patron.barcode])
        Loan.objects.filter(patron=patron).update(patron=None, anonymized=True, **_cleared(Loan))
        Hold.objects.filter(patron=patron).delete()
        audit_record(actor=actor, action="patron.erase", target=patron)
        patron.delete()
    return [patron.barcode]

"""Loan history is forgotten N days after return unless the patron asked us to keep it.

Anonymizing keeps what statistics need (the copy, the month, the patron category; the language
comes from the record) and drops the link to the person.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from shanyraq.library.models import Loan, Patron
from shanyraq.library.services.patrons import keeps_history


def history_days() -> int:
    return int(getattr(settings, "LIBRARY_LOAN_HISTORY_DAYS", 30))


def loans_anonymize(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=history_days() if days is None else days)
    due = Loan.objects.filter(returned_at__lt=cutoff, anonymized=False, patron__isnull=False)
    patron_ids = set(due.values_list("patron_id", flat=True))
    keep = {
        p.pk for p in Patron.objects.filter(pk__in=patron_ids).select_related("person") if keeps_history(p)
    }
    return due.exclude(patron_id__in=keep).update(patron=None, anonymized=True)

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.functions import Cast

from shanyraq.core.models import AuditEvent


def _event(actor, action: str, target: models.Model, data: dict) -> AuditEvent:
    return AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )


def audit_record(*, actor, action: str, target: models.Model, **data: Any) -> AuditEvent:
    """Append one line to the audit trail. Call inside the service's transaction."""
    event = _event(actor, action, target, data)
    event.save()
    return event


def audit_record_many(*, actor, action: str, targets: Iterable[models.Model]) -> int:
    """One line per target in one insert, for services that write many rows at once."""
    return len(AuditEvent.objects.bulk_create(_event(actor, action, t, {}) for t in targets))


ERASED = "—"
MIN_WORD = 4


def _scrub(value: Any, words: tuple[str, ...]) -> Any:
    """The value with every string that contains one of the words replaced by ERASED."""
    if isinstance(value, dict):
        return {k: _scrub(v, words) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, words) for v in value]
    if isinstance(value, str) and any(w in value.casefold() for w in words):
        return ERASED
    return value


def audit_forget(
    *, targets: Iterable[models.Model] = (), users: Iterable[Any] = (), words: Iterable[str] = ()
) -> int:
    # users: logins or their primary keys
    """Cut the audit trail's links to a person, for erasure and anonymization.

    Rows about `targets` lose their actor when the actor is one of `users` (the person's own
    logins: "the reader renewed loan 17" must not survive the loan's anonymization), and every
    row whose details mention one of `words` (names, e-mail, phone) has those values replaced.
    Staff actors stay on staff actions: they name the member of staff, not the reader.
    Returns the number of rows changed.
    """
    user_ids = [getattr(u, "pk", u) for u in users if u is not None]
    changed = 0
    by_type: dict[str, list[str]] = {}
    for target in targets:
        by_type.setdefault(target._meta.label_lower, []).append(str(target.pk))
    if user_ids:
        for label, ids in by_type.items():
            for i in range(0, len(ids), 900):
                changed += AuditEvent.objects.filter(
                    target_type=label, target_id__in=ids[i : i + 900], actor_id__in=user_ids
                ).update(actor=None)
    # Very short words would match unrelated values (substring match); names are rarely that short.
    kept = [w.strip() for w in words if w and len(w.strip()) >= MIN_WORD]
    folded = tuple({w.casefold() for w in kept})
    if folded:
        # JSON text may hold non-ASCII as \\u escapes (SQLite), where the database cannot fold
        # case: look for the usual spellings both ways; the exact comparison happens in Python.
        spellings = {f(w) for w in kept for f in (str, str.casefold, str.upper, str.title)}
        needles = {n for w in spellings for n in (w, json.dumps(w)[1:-1])}
        text = Cast("data", models.TextField())
        query = models.Q()
        for needle in needles:
            query |= models.Q(data_text__icontains=needle)
        for event in AuditEvent.objects.annotate(data_text=text).filter(query).iterator():
            data = _scrub(event.data, folded)
            if data != event.data:
                AuditEvent.objects.filter(pk=event.pk).update(data=data)
                changed += 1
    return changed


def admin_log_forget(*, targets: Iterable[models.Model] = (), words: Iterable[str] = ()) -> int:
    """The admin's history keeps each object's name as it was (`object_repr`): replace it for the
    targets and wherever it is one of the words (a person's name, a card number). Which fields
    changed stays."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    query = models.Q(pk__in=[])
    for target in targets:
        ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
        query |= models.Q(content_type=ct, object_id=str(target.pk))
    for word in {w.strip() for w in words if w and w.strip()}:
        query |= models.Q(object_repr__iexact=word)
    return LogEntry.objects.filter(query).exclude(object_repr=ERASED).update(object_repr=ERASED)

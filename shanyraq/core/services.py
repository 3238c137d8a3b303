from __future__ import annotations

from typing import Any

from django.db import models

from shanyraq.core.models import AuditEvent


def audit_record(*, actor, action: str, target: models.Model, **data: Any) -> AuditEvent:
    """Append one line to the audit trail. Call inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )

"""Coordinators write to everyone registered for (or waiting for) a session.

One e-mail per booker's address, each framed in the recipient's language, stored in the mail
outbox in this transaction (sent after the commit), with one line in the audit trail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.programs.models import Session
from shanyraq.programs.notifications import session_message_notify
from shanyraq.programs.selectors import session_message_recipients

AUDIENCES = ("all", "seat", "waiting")


def session_message_send(*, session: Session, subject: str, text: str, audience: str = "all", actor) -> int:
    """Write to the session's bookers (all, those with a seat, or the waiting list); return how
    many e-mails were queued."""
    if not actor.has_perm("programs.change_registration"):
        raise PermissionDenied
    subject, text = " ".join(subject.split())[:200], text.strip()[:10000]
    errors = {}
    if not subject:
        errors["subject"] = _("Please write a subject.")
    if not text:
        errors["text"] = _("Please write the message.")
    if audience not in AUDIENCES:
        errors["audience"] = _("Choose who receives the message.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        recipients = session_message_recipients(session, audience)
        for address, lang, name in recipients:
            session_message_notify(session, address=address, lang=lang, name=name, subject=subject, text=text)
        audit_record(
            actor=actor, action="session.message", target=session, audience=audience, sent=len(recipients)
        )
    return len(recipients)

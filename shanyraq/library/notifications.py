"""E-mails to patrons, rendered in the RECIPIENT's language and stored in the outbox.

Called by the circulation services inside their transaction: the message is committed with the
hold or loan it reports, and the worker sends it afterwards (shanyraq/mail/services.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.library.models import Hold, Loan
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.services import outbox_enqueue
from shanyraq.people.models import Person


def _recipient(person: Person) -> Person | None:
    """The patron, or the guardian of a child who has no e-mail."""
    recipient = person if person.email else (person.guardian if person.guardian_id else None)
    return recipient if recipient is not None and recipient.email else None


def _enqueue(
    person: Person, subject: Callable[[], str], template: str, context: dict, *, related, topic: str
) -> OutboxMessage | None:
    recipient = _recipient(person)
    if recipient is None:
        return None
    lang = languages.normalize(recipient.language) or settings.LANGUAGE_CODE
    with translation.override(lang):
        subject_text = subject()
        body = render_to_string(
            template, {**context, "person": recipient, "center": settings.SHANYRAQ["CENTER_NAME"]}
        )
    return outbox_enqueue(
        to=recipient.email,
        subject=subject_text,
        body=body,
        language=lang,
        related=related,
        topic=topic,
    )


def hold_ready(hold: Hold) -> OutboxMessage | None:
    return _enqueue(
        hold.patron.person,
        lambda: _("Your book is ready to collect"),
        "library/email/hold_ready.txt",
        {"hold": hold},
        related=hold,
        topic="library.hold_ready",
    )


def loan_overdue(loan: Loan) -> OutboxMessage | None:
    return _enqueue(
        loan.patron.person,
        lambda: _("A library book is overdue"),
        "library/email/overdue.txt",
        {"loan": loan},
        related=loan,
        topic="library.overdue",
    )

"""Background work: e-mails to patrons (in THEIR language) and the daily housekeeping jobs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from shanyraq.library.models import Hold, Loan


def _send(person, subject_fn, template: str, context: dict) -> bool:
    """Write to the patron, or to the guardian of a child who has no e-mail, in the recipient's language."""
    recipient = person if person.email else (person.guardian if person.guardian_id else None)
    if recipient is None or not recipient.email:
        return False
    with translation.override(recipient.language):
        subject = subject_fn()
        body = render_to_string(
            template, {**context, "person": recipient, "center": settings.SHANYRAQ["CENTER_NAME"]}
        )
    send_mail(subject, body, None, [recipient.email])
    return True


@task()
def send_hold_ready(hold_id: int) -> bool:
    hold = Hold.objects.select_related("record", "patron__person").filter(pk=hold_id).first()
    if hold is None or hold.status != Hold.Status.READY:
        return False
    return _send(
        hold.patron.person,
        lambda: _("Your book is ready to collect"),
        "library/email/hold_ready.txt",
        {"hold": hold},
    )


@task()
def send_overdue_reminders() -> int:
    """One e-mail per overdue loan per day at most (reminded_on guards against repeats)."""
    today = timezone.localdate()
    sent = 0
    loans = Loan.objects.filter(returned_at__isnull=True, due_on__lt=today, patron__isnull=False).exclude(
        reminded_on=today
    )
    for loan in loans.select_related("copy__record", "patron__person"):
        with transaction.atomic():
            if Loan.objects.filter(pk=loan.pk).exclude(reminded_on=today).update(reminded_on=today) != 1:
                continue
            if _send(
                loan.patron.person,
                lambda: _("A library book is overdue"),
                "library/email/overdue.txt",
                {"loan": loan},
            ):
                sent += 1
    return sent


@task()
def expire_holds() -> int:
    from shanyraq.library.services.circulation import holds_expire

    return holds_expire()


@task()
def anonymize_loans() -> int:
    from shanyraq.library.services.privacy import loans_anonymize

    return loans_anonymize()

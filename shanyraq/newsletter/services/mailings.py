"""Composing mailings: drafts per language, the what's-on digest, a test send to oneself."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.services import audit_record
from shanyraq.mail.services import outbox_enqueue
from shanyraq.newsletter import digest, rendering
from shanyraq.newsletter.models import Mailing

DIGEST_WEEKS = 3


def mailing_save(*, mailing: Mailing, actor=None) -> Mailing:
    """Create or change a draft (a mailing that is going out or sent is not edited any more)."""
    if mailing.pk and Mailing.objects.filter(pk=mailing.pk).exclude(status=Mailing.Status.DRAFT).exists():
        raise ValidationError(_("Only a draft can be changed."))
    if not any(languages.value_in(mailing, "subject", c) for c in languages.codes()):
        raise ValidationError({"subject_en": _("Give a subject in at least one language.")})
    with transaction.atomic():
        creating = mailing.pk is None
        if creating:
            mailing.created_by = actor if getattr(actor, "is_authenticated", False) else None
        mailing.save()
        audit_record(
            actor=actor, action="newsletter.create" if creating else "newsletter.change", target=mailing
        )
    return mailing


def digest_create(*, actor=None, today: dt.date | None = None, weeks: int = DIGEST_WEEKS) -> Mailing:
    """A draft mailing with the coming weeks in every language, ready to edit."""
    start = today or timezone.localdate()
    end = start + dt.timedelta(weeks=weeks)
    items = digest.collect(start=start, end=end)
    mailing = Mailing(title=_("What's on %(date)s") % {"date": start.isoformat()}, is_digest=True)
    for code in languages.codes():
        subject, body = digest.compose(items, code, start, end)
        suffix = languages.field_suffix(code)
        setattr(mailing, f"subject_{suffix}", subject)
        setattr(mailing, f"body_{suffix}", body)
    return mailing_save(mailing=mailing, actor=actor)


def mailing_test_send(*, mailing: Mailing, language: str, to: str, actor=None) -> bool:
    """The edition as a reader of `language` gets it, to the editor's own address (through the
    outbox). Its links are dummies: no reader's preferences can be opened from a test."""
    edition = rendering.edition(mailing, language)
    if edition is None or not to:
        return False
    text, html, headers = rendering.addressed(edition, subscriber_id=0)
    with transaction.atomic():
        outbox_enqueue(
            to=to,
            subject=_("[Test] %(subject)s") % {"subject": edition.subject},
            body=text,
            html=html,
            language=language,
            headers=headers,
            related=mailing,
            topic="newsletter.test",
        )
        audit_record(actor=actor, action="newsletter.test_send", target=mailing, language=language)
    return True

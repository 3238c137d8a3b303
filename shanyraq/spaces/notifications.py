"""The answer to an outside booking request, in the language the request was written in.

`booking_decided` renders the e-mail and stores it in the outbox inside the deciding service's
transaction (shanyraq/mail/services.py): the message exists exactly when the decision does, and
the worker sends it after the commit. The room, day and hours are written by core.when in the
center's zone and the requester's locale, never the coordinator's.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from shanyraq.core import languages, when
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.services import outbox_enqueue
from shanyraq.spaces.models import Booking


def booking_decided(booking: Booking) -> OutboxMessage | None:
    """Tell the requester that the coordinator approved or refused the request (with the
    coordinator's reason, as typed). Nothing to send when the request left no address."""
    address = booking.requester_email.strip()
    if not address:
        return None
    lang = languages.normalize(booking.requester_language) or settings.LANGUAGE_CODE
    approved = booking.status == Booking.Status.APPROVED
    with translation.override(lang):
        space, _lang = languages.translated(booking.space, "name", lang)
        context = {
            "approved": approved,
            "name": booking.requester_name,
            "space": space,
            "when": when.span(booking.start, booking.end, "full", lang),
            "purpose": booking.purpose,
            "reason": booking.decision_reason,
            "CENTER_NAME": str(settings.SHANYRAQ["CENTER_NAME"]),
        }
        if approved:
            # Translators: e-mail subject; %(space)s is a room or hall of the center.
            subject = _("Your booking request is approved: %(space)s") % {"space": space}
        else:
            # Translators: e-mail subject; %(space)s is a room or hall of the center.
            subject = _("Your booking request is declined: %(space)s") % {"space": space}
        body = render_to_string("spaces/email/decision.txt", context)
    return outbox_enqueue(
        to=address,
        subject=subject,
        body=body,
        language=lang,
        related=booking,
        topic="spaces.approved" if approved else "spaces.refused",
    )

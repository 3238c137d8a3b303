"""Registration e-mails, always in the booker's language, with the ticket and a calendar file.

`registration_notify` renders the message and stores it in the outbox inside the caller's
transaction (the registration service's), so the e-mail exists exactly when the change does;
the worker sends it after the commit (shanyraq/mail/services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from shanyraq.core import languages, when
from shanyraq.mail.models import OutboxMessage
from shanyraq.mail.services import LaterAttachment, attachment_builder, outbox_enqueue
from shanyraq.programs import ics, tickets, tokens
from shanyraq.programs.models import Registration, Session

SUBJECTS = {
    # Translators: e-mail subjects; %(title)s is the program title.
    "registered": lambda: _("Your registration: %(title)s"),
    "offered": lambda: _("A seat is free for you: %(title)s"),
    "cancelled": lambda: _("Registration cancelled: %(title)s"),
    "reminder": lambda: _("Tomorrow: %(title)s"),
}


def _link(name: str, registration: Registration, action: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": tokens.make(registration.pk, action)})


def _loaded_session(registration: Registration, pk: int) -> Session | None:
    """The registration's session when it is already in memory with its program and space."""
    if registration.session_id != pk or not Registration.session.is_cached(registration):
        return None
    session = registration.session
    if Session.program.is_cached(session) and Session.space.is_cached(session):
        return session
    return None


@attachment_builder
def session_calendar(session_ids: list[int], name: str, lang: str) -> bytes:
    """The ICS attachment, built by the outbox at send time, sessions in the order given."""
    found = Session.objects.filter(pk__in=session_ids).select_related("program", "space").in_bulk()
    return ics.calendar([found[pk] for pk in session_ids if pk in found], name=name, lang=lang)


def registration_notify(
    registration: Registration, kind: str, session_id: int | None = None
) -> OutboxMessage | None:
    """Render the `kind` e-mail ("registered", "offered", "cancelled", "reminder") into the outbox."""
    return registrations_notify([registration], kind, session_id)


def registrations_notify(
    registrations: list[Registration], kind: str, session_id: int | None = None
) -> OutboxMessage | None:
    """One e-mail to the booker about registrations made (or changed) together: every participant,
    with every confirmed participant's QR ticket attached, and the link to the booking page."""
    registration = registrations[0]
    recipient = registration.booker
    address = recipient.email or registration.person.email
    if not address:
        return None
    lang = languages.normalize(recipient.language) or settings.LANGUAGE_CODE
    with translation.override(lang):
        program = registration.program
        pk = session_id or registration.session_id
        if pk and _loaded_session(registration, pk) is not None:
            sessions = [_loaded_session(registration, pk)]  # no second query on the registration's hot path
        elif pk:
            sessions = list(Session.objects.filter(pk=pk).select_related("program", "space"))
        else:
            sessions = list(program.sessions.filter(is_cancelled=False).select_related("program", "space"))
        title, _lang = languages.translated(program, "title", lang)
        context = {
            "kind": kind,
            "registration": registration,
            "registrations": registrations,
            "program": program,
            "title": title,
            "sessions": sessions,
            "person": registration.person,
            "recipient": recipient,
            "cancel_url": _link("programs:cancel", registration, "cancel"),
            "verify_url": _link("programs:verify", registration, "verify"),
            "accept_url": _link("programs:accept", registration, "accept"),
            "booking_url": _link("programs:registration", registration, "view"),
            "hours": getattr(settings, "PROGRAMS_OFFER_HOURS", 24),
            "CENTER_NAME": str(settings.SHANYRAQ["CENTER_NAME"]),
        }
        if len(registrations) > 1:
            context["names"] = ", ".join(r.person.name for r in registrations)
            context["cancel_links"] = [
                (r.person.name, _link("programs:cancel", r, "cancel")) for r in registrations
            ]
        subject = SUBJECTS[kind]() % {"title": title}
        body = render_to_string("programs/email/registration.txt", context)
        # The calendar file is made at send time, outside the transaction (from the session ids).
        attachments = [
            LaterAttachment(
                "session.ics",
                "text/calendar",
                f"{__name__}.{session_calendar.__name__}",
                {"session_ids": [s.pk for s in sessions], "name": title, "lang": lang},
            )
        ]
        if kind in ("registered", "reminder"):
            attachments += [
                LaterAttachment(
                    f"ticket-{r.code}.png",
                    "image/png",
                    f"{tickets.__name__}.{tickets.qr_png.__name__}",
                    {"code": r.code},
                )
                for r in registrations
                if r.status == Registration.Status.CONFIRMED
            ]
    return outbox_enqueue(
        to=address,
        subject=subject,
        body=body,
        language=lang,
        attachments=attachments,
        related=registration,
        topic=f"programs.{kind}",
    )


def session_message_notify(
    session: Session, *, address: str, lang: str, name: str, subject: str, text: str
) -> OutboxMessage:
    """A coordinator's message about a session to one booker: the frame (greeting, program,
    date and place) in the recipient's language, the coordinator's own words as written."""
    with translation.override(lang):
        title, _lang = languages.translated(session.program, "title", lang)
        space, _lang = languages.translated(session.space, "name", lang)
        context = {
            "name": name,
            "title": title,
            "when": when.moment(session.start, "full", lang),
            "space": space,
            "text": text,
            "CENTER_NAME": str(settings.SHANYRAQ["CENTER_NAME"]),
        }
        # Translators: e-mail subject: the program title, then the coordinator's own subject line.
        full_subject = _("%(title)s: %(subject)s") % {"title": title, "subject": subject}
        body = render_to_string("programs/email/session_message.txt", context)
    return outbox_enqueue(
        to=address, subject=full_subject, body=body, language=lang, related=session, topic="programs.message"
    )

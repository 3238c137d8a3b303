"""Background e-mails, always in the registrant's language, with the ticket and a calendar file."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from shanyraq.core import languages
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


def build_message(
    registration: Registration, kind: str, session_id: int | None = None
) -> EmailMessage | None:
    recipient = registration.booker
    address = recipient.email or registration.person.email
    if not address:
        return None
    lang = languages.normalize(recipient.language) or settings.LANGUAGE_CODE
    with translation.override(lang):
        program = registration.program
        if session_id:
            sessions = list(Session.objects.filter(pk=session_id).select_related("program", "space"))
        elif registration.session_id:
            sessions = [registration.session]
        else:
            sessions = list(program.sessions.filter(is_cancelled=False).select_related("program", "space"))
        title, _lang = languages.translated(program, "title", lang)
        context = {
            "kind": kind,
            "registration": registration,
            "program": program,
            "title": title,
            "sessions": sessions,
            "person": registration.person,
            "recipient": recipient,
            "cancel_url": _link("programs:cancel", registration, "cancel"),
            "verify_url": _link("programs:verify", registration, "verify"),
            "accept_url": _link("programs:accept", registration, "accept"),
            "hours": getattr(settings, "PROGRAMS_OFFER_HOURS", 24),
            "CENTER_NAME": str(settings.SHANYRAQ["CENTER_NAME"]),
        }
        subject = SUBJECTS[kind]() % {"title": title}
        body = render_to_string("programs/email/registration.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[address], headers={"Content-Language": lang})
        message.attach("session.ics", ics.calendar(sessions, name=title, lang=lang), "text/calendar")
        if kind in ("registered", "reminder") and registration.status == Registration.Status.CONFIRMED:
            message.attach(f"ticket-{registration.code}.png", tickets.qr_png(registration.code), "image/png")
    return message


@task()
def send_registration_email(registration_id: int, kind: str, session_id: int | None = None) -> bool:
    registration = (
        Registration.objects.select_related("program", "session__space", "person", "booker")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    message = build_message(registration, kind, session_id)
    if message is None:
        return False
    message.send()
    return True


@task()
def expire_offers() -> int:
    """The same work as `manage.py programs_expire_offers`, for a scheduler that enqueues tasks."""
    from shanyraq.programs.services.registrations import offers_expire

    return offers_expire()


@task()
def send_reminders() -> int:
    from shanyraq.programs.services.registrations import reminders_send

    return reminders_send()

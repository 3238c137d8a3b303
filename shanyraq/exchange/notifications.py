"""E-mails of the exchange, written to the outbox inside the caller's transaction, each in its
recipient's language (mail.services.outbox_enqueue)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shanyraq.exchange import tokens
from shanyraq.exchange.models import JoinRequest, Meeting, Member, Tandem
from shanyraq.mail.services import outbox_enqueue


def _absolute(path: str) -> str:
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/") + path


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return _absolute(reverse(name, kwargs=kwargs))


def join_confirm(join: JoinRequest) -> None:
    link = _url(join.language, "exchange:join_confirm", token=tokens.make(join.pk, "email"))
    with translation.override(join.language):
        subject = _("Confirm your e-mail for the youth exchange")
        body = _(
            "Hello %(name)s,\n\nplease open this link to confirm your e-mail address:\n%(link)s\n\n"
            "The link works for 7 days. If you did not ask to join, ignore this message."
        ) % {"name": join.data.get("display_name", ""), "link": link}
    outbox_enqueue(to=join.email, subject=subject, body=body, language=join.language, topic="exchange.join")


def guardian_consent(join: JoinRequest) -> None:
    language = join.data.get("guardian_language") or join.language
    link = _url(language, "exchange:guardian", token=tokens.make(join.pk, "guardian"))
    with translation.override(language):
        subject = _("Your consent is needed: %(name)s wants to join the youth exchange") % {
            "name": join.data.get("name", "")
        }
        body = _(
            "Hello,\n\n%(name)s (born %(birth)s) gave your address as their guardian's and asks to join "
            "the youth exchange of the center: language tandems with other young people, meetings only "
            "in supervised rooms of the center, messages that our safeguarding officer can read.\n\n"
            "Please read what we keep and give or refuse your consent here:\n%(link)s\n\n"
            "Nothing is kept if you do not consent within 7 days."
        ) % {
            "name": join.data.get("name", ""),
            "birth": formats.date_format(timezone.datetime.fromisoformat(join.data["birth_date"]).date()),
            "link": link,
        }
    outbox_enqueue(
        to=join.guardian_email, subject=subject, body=body, language=language, topic="exchange.guardian"
    )


def _to_member(member: Member, subject: str, body: str, related, topic: str, **values) -> None:
    language = member.person.language
    with translation.override(language):
        values = {k: str(v) for k, v in values.items()}
        text_subject = _(subject) % values
        text_body = _(body) % values
        link = _url(language, "exchange:home")
        text_body += "\n\n" + link
    outbox_enqueue(
        to=member.person.email,
        subject=text_subject,
        body=text_body,
        language=language,
        related=related,
        topic=topic,
    )


def tandem_requested(tandem: Tandem) -> None:
    _to_member(
        tandem.second,
        gettext_noop("%(name)s would like to be your tandem partner"),
        gettext_noop("%(name)s would like to learn with you. Open the exchange to accept or decline."),
        tandem,
        "exchange.tandem_request",
        name=tandem.first.display_name,
    )


def tandem_accepted(tandem: Tandem) -> None:
    _to_member(
        tandem.first,
        gettext_noop("%(name)s accepted your tandem request"),
        gettext_noop("%(name)s accepted. You can now write to each other and book a meeting room."),
        tandem,
        "exchange.tandem_accept",
        name=tandem.second.display_name,
    )


def _when(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(meeting.booking.start), "DATETIME_FORMAT")


def _to_both(meeting: Meeting, subject: str, body: str, topic: str) -> None:
    tandem = meeting.tandem
    for member in (tandem.first, tandem.second):
        _to_member(
            member,
            subject,
            body,
            meeting,
            topic,
            when=_when(meeting, member.person.language),
            space=meeting.booking.space,
        )


def meeting_booked(meeting: Meeting) -> None:
    _to_both(
        meeting,
        gettext_noop("Tandem meeting booked: %(when)s"),
        gettext_noop(
            "Your tandem meeting is booked for %(when)s in %(space)s. Staff are nearby during the meeting."
        ),
        "exchange.meeting",
    )


def meeting_reminder(meeting: Meeting) -> None:
    _to_both(
        meeting,
        gettext_noop("Reminder: tandem meeting %(when)s"),
        gettext_noop("A reminder: your tandem meeting is on %(when)s in %(space)s."),
        "exchange.reminder",
    )


def application_decided(application) -> None:
    """The coordinator's decision, in the applicant's language."""
    from shanyraq.core.languages import translated

    member = application.member
    language = member.person.language
    with translation.override(language):
        title, _lang = translated(application.call, "title", language)
        decision = application.get_status_display()
    _to_member(
        member,
        gettext_noop("Your application to %(call)s: %(decision)s"),
        gettext_noop("The coordinator has decided on your application to %(call)s: %(decision)s."),
        application,
        "exchange.application_decision",
        call=title,
        decision=decision,
    )

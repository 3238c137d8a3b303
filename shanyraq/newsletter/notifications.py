"""The newsletter's own transactional e-mails (confirm a sign-up, already subscribed), rendered in
the reader's language and stored in the outbox inside the service's transaction (decision 010)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from shanyraq.core.links import absolute_reverse
from shanyraq.mail.services import outbox_enqueue
from shanyraq.newsletter import conf, tokens
from shanyraq.newsletter.models import Subscriber


def confirmation_notify(subscriber: Subscriber, *, language: str, topics: list[str]) -> None:
    """The double opt-in e-mail: nothing else is ever sent before its link is followed."""
    token = tokens.confirm_token(subscriber.pk, subscriber.generation, language, topics)
    with translation.override(language):
        context = {
            "confirm_url": absolute_reverse("newsletter:confirm", lang=language, token=token),
            "days": conf.confirm_max_age() // 86400,
            "CENTER_NAME": settings.SHANYRAQ["CENTER_NAME"],
        }
        outbox_enqueue(
            to=subscriber.email,
            subject=_("Please confirm your newsletter subscription"),
            body=render_to_string("newsletter/email/confirm.txt", context),
            language=language,
            topic="newsletter.confirm",
            related=subscriber,
        )


def already_subscribed_notify(subscriber: Subscriber) -> None:
    """A confirmed reader signed up again: tell them, with their preferences link (the page said
    the same to everyone, so only the mailbox's owner learns the address is subscribed)."""
    language = subscriber.language
    with translation.override(language):
        context = {
            "preferences_url": preferences_url(subscriber),
            "CENTER_NAME": settings.SHANYRAQ["CENTER_NAME"],
        }
        outbox_enqueue(
            to=subscriber.email,
            subject=_("You already receive our newsletter"),
            body=render_to_string("newsletter/email/already.txt", context),
            language=language,
            topic="newsletter.already",
            related=subscriber,
        )


def preferences_url(subscriber: Subscriber) -> str:
    return absolute_reverse(
        "newsletter:preferences", lang=subscriber.language, token=tokens.link_token(subscriber.pk)
    )

"""API of the newsletter: sign up (double opt-in). The answer is 202 and the same for every
address (new, waiting, subscribed or suppressed); rate-limited per IP and per address; a filled
honeypot `website` is answered the same and writes nothing."""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from shanyraq.api.inputs import WRITE_ERRORS, Text
from shanyraq.core import ratelimit
from shanyraq.newsletter import conf
from shanyraq.newsletter.forms import CONSENT_TEXT
from shanyraq.newsletter.models import ConsentRecord, Topic
from shanyraq.newsletter.services.subscribers import SignupRequest, subscriber_signup

router = Router()

Language = Literal[tuple(settings.LANGUAGE_CODES)]
TopicName = Literal[tuple(Topic.values)]


class SubscriptionIn(Schema):
    email: Text(254)
    language: Language = Field("en", description="The language of the newsletter and of its e-mails.")
    topics: list[TopicName] = Field(list(Topic.values), max_length=len(Topic.values))
    website: Text(200) = Field("", description="Honeypot: leave empty.")


class Message(Schema):
    detail: str


@router.post(
    "/newsletter/subscriptions",
    response={202: Message, **WRITE_ERRORS},
    summary="Ask for the newsletter (double opt-in)",
    description="Sends an e-mail with a confirmation link in `language`; nothing else is sent until it is "
    "followed. The answer never tells whether the address was already subscribed. The consent text "
    "recorded is the one the site's form shows.",
)
def subscription_post(request, payload: SubscriptionIn):
    answer = Status(
        202, {"detail": _("If the address can receive our newsletter, a confirmation e-mail is on its way.")}
    )
    if payload.website:
        return answer
    if not ratelimit.allow(request, "newsletter:signup", conf.signup_rate_ip()):
        return Status(429, {"detail": _("Too many sign-ups from your network. Please try again later.")})
    try:
        subscriber_signup(
            request=SignupRequest(
                email=payload.email,
                language=payload.language,
                topics=list(payload.topics),
                source=ConsentRecord.Source.API,
                text_shown=str(CONSENT_TEXT),
            )
        )
    except ValidationError as exc:
        return Status(422, {"detail": _("The request is not valid."), "errors": exc.message_dict})
    return answer

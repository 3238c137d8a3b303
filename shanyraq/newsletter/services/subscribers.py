"""Sign-up with double opt-in, confirmation, preferences, unsubscribe, suppression.

Nothing but the confirmation e-mail is sent until its link is followed. Every sign-up gets the
same answer whether the address is new, waiting, confirmed or suppressed; a mailbox gets at most
one e-mail about sign-ups per NEWSLETTER_CONFIRM_RESEND_SECONDS, and each address and each IP
has a rate limit (the IP one is checked by the view or API handler, which knows the request).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages, ratelimit
from shanyraq.core.services import audit_record
from shanyraq.newsletter import conf, notifications, tokens
from shanyraq.newsletter.models import ConsentRecord, Delivery, Subscriber, Suppression, Topic, email_hash

Status = Subscriber.Status
Source = ConsentRecord.Source
Action = ConsentRecord.Action
EMAIL_MAX = 254


@dataclass(frozen=True)
class SignupRequest:
    email: str
    language: str
    topics: list[str]
    source: str
    text_shown: str


def clean_email(value: str) -> str:
    email = (value or "").strip()
    if not email or len(email) > EMAIL_MAX:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_topics(values) -> list[str]:
    topics = list(dict.fromkeys(values or []))
    unknown = [t for t in topics if t not in Topic.values]
    if unknown or len(topics) > len(Topic.values):
        raise ValidationError({"topics": _("Choose topics from the list.")})
    return [t for t in Topic.values if t in topics]  # stored in the list's order


def clean_language(value: str) -> str:
    language = languages.normalize(value)
    if language is None:
        raise ValidationError({"language": _("Choose one of the four languages.")})
    return language


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email_hash=email_hash(email)).exists()


def _consent(
    subscriber: Subscriber, action: str, source: str, *, language: str, topics, text: str = ""
) -> None:
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        source=source,
        language=language,
        topics=list(topics),
        text_shown=text,
    )


def subscriber_signup(*, request: SignupRequest) -> None:
    """Ask for a subscription. Returns nothing on purpose: the caller must not learn the outcome."""
    email = clean_email(request.email)
    language = clean_language(request.language)
    topics = clean_topics(request.topics)
    if not ratelimit.hit(f"newsletter:email:{email_hash(email)}", conf.signup_rate_email()):
        return  # silently: the same answer as a fresh sign-up, and nothing more for this mailbox
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language, "topics": topics, "suppressed": is_suppressed(email)}
        )
        _consent(
            subscriber,
            Action.REQUESTED,
            request.source,
            language=language,
            topics=topics,
            text=request.text_shown,
        )
        recent = (
            subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < conf.confirm_resend()
        )
        if recent:
            return
        if subscriber.status == Status.CONFIRMED and not subscriber.suppressed:
            notifications.already_subscribed_notify(subscriber)
        else:
            if subscriber.status == Status.UNSUBSCRIBED:
                subscriber.status = Status.PENDING
            if subscriber.status == Status.PENDING:
                subscriber.language, subscriber.topics = language, topics
            notifications.confirmation_notify(subscriber, language=language, topics=topics)
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["status", "language", "topics", "confirmation_sent_at"])


def subscriber_confirm(*, token: str) -> Subscriber | None:
    """Follow the link of the confirmation e-mail: the only way to start (or restart) receiving."""
    data = tokens.read(token, "confirm")
    if data is None:
        return None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=data["s"]).first()
        if subscriber is None or subscriber.generation != data.get("g"):
            return None
        language = languages.normalize(data.get("l")) or subscriber.language
        try:
            topics = clean_topics(data.get("t"))
        except ValidationError:
            return None
        if subscriber.status == Status.CONFIRMED and not subscriber.suppressed:
            return subscriber  # a second click changes nothing
        Suppression.objects.filter(email_hash=email_hash(subscriber.email)).delete()
        subscriber.status, subscriber.suppressed, subscriber.bounces = Status.CONFIRMED, False, 0
        subscriber.language, subscriber.topics = language, topics
        subscriber.confirmed_at = timezone.now()
        subscriber.save(
            update_fields=["status", "suppressed", "bounces", "language", "topics", "confirmed_at"]
        )
        _consent(
            subscriber,
            Action.CONFIRMED,
            Source.EMAIL_LINK,
            language=language,
            topics=topics,
            text=_("Please confirm your newsletter subscription"),
        )
    return subscriber


def subscriber_from_link(token: str) -> Subscriber | None:
    data = tokens.read(token, "prefs")
    return Subscriber.objects.filter(pk=data["s"]).first() if data else None


def subscriber_update(
    *, subscriber: Subscriber, language: str, topics, paused: bool, text_shown: str = ""
) -> Subscriber:
    """The preferences page: language, topics, pause or resume (an unsubscribed reader must sign up again)."""
    language = clean_language(language)
    topics = clean_topics(topics)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.language, subscriber.topics = language, topics
        action = Action.CHANGED
        if subscriber.status in (Status.CONFIRMED, Status.PAUSED):
            new_status = Status.PAUSED if paused else Status.CONFIRMED
            if new_status != subscriber.status:
                action = Action.PAUSED if paused else Action.CHANGED
            subscriber.status = new_status
        subscriber.save(update_fields=["language", "topics", "status"])
        if paused:
            _forget_pending_deliveries(subscriber)
        _consent(subscriber, action, Source.PREFERENCES, language=language, topics=topics, text=text_shown)
    return subscriber


def subscriber_unsubscribe(
    *, subscriber: Subscriber, source: str = Source.PREFERENCES, actor=None
) -> Subscriber:
    """Stop every e-mail now, and suppress the address until the reader confirms a new sign-up."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Status.UNSUBSCRIBED:
            subscriber.status = Status.UNSUBSCRIBED
            subscriber.suppressed = True
            subscriber.generation = F("generation") + 1
            subscriber.save(update_fields=["status", "suppressed", "generation"])
            subscriber.refresh_from_db()
            suppression_add(subscriber.email, Suppression.Reason.UNSUBSCRIBED)
            _forget_pending_deliveries(subscriber)
            _consent(
                subscriber, Action.WITHDRAWN, source, language=subscriber.language, topics=subscriber.topics
            )
            if actor is not None:
                audit_record(actor=actor, action="newsletter.unsubscribe", target=subscriber)
    return subscriber


def suppression_add(email: str, reason: str) -> None:
    Suppression.objects.get_or_create(email_hash=email_hash(email), defaults={"reason": reason})
    Subscriber.objects.filter(email__iexact=email).exclude(suppressed=True).update(
        suppressed=True, status=Status.UNSUBSCRIBED
    )


def _forget_pending_deliveries(subscriber: Subscriber) -> None:
    """A paused or unsubscribed reader gets nothing still waiting to go out."""
    Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.PENDING).delete()


def optin_from_form(*, email: str, language: str, text_shown: str, source: str = Source.REGISTRATION) -> None:
    """The opt-in tick box of another module's form (programs registration): a pending
    subscriber and the confirmation e-mail, never a subscription without the reader's click."""
    try:
        subscriber_signup(
            request=SignupRequest(
                email=email,
                language=language,
                topics=list(Topic.values),
                source=source,
                text_shown=text_shown,
            )
        )
    except ValidationError:
        return  # the registration itself validated the address; a newsletter problem must not undo it


def prune_unconfirmed(*, now=None) -> int:
    """Sign-ups never confirmed are deleted after NEWSLETTER_KEEP_UNCONFIRMED_DAYS (data minimisation)."""
    now = now or timezone.now()
    deleted, _by_model = Subscriber.objects.filter(
        status=Status.PENDING, confirmed_at__isnull=True, created_at__lt=now - conf.keep_unconfirmed()
    ).delete()
    return deleted


def person_forget(*, person, actor=None):
    """Erasure hook (people.conf.DEFAULT_ERASURE_HOOKS): the subscriber, their consents and
    deliveries go; the suppression (a hash) stays so an erased address is never written to again."""
    email = (person.email or "").strip()
    if email:
        subscriber_erase(email=email)
    return []


def subscriber_erase(*, email: str) -> int:
    with transaction.atomic():
        subscribers = Subscriber.objects.filter(email__iexact=email)
        if subscribers.exists():
            suppression_add(email, Suppression.Reason.UNSUBSCRIBED)
        Delivery.objects.filter(email__iexact=email).delete()
        deleted, _by_model = subscribers.delete()
    from shanyraq.mail.services import outbox_erase_for

    outbox_erase_for(email)
    return deleted

"""Messages between accepted tandem partners only; reports and blocks.

Text only: there is no attachment field at all, so nothing can be sent but words. A minor's
messages are readable by the safeguarding officer (selectors.minors_tandems); the minor's
message page says so.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shanyraq.core.ratelimit import Rate, hit
from shanyraq.core.services import audit_record
from shanyraq.exchange import conf
from shanyraq.exchange.models import Block, Member, Message, Report, Tandem
from shanyraq.exchange.services.tandems import blocked_between, tandem_end


def message_send(*, tandem: Tandem, sender: Member, body: str, actor=None) -> Message:
    body = (body or "").strip()
    if not tandem.has(sender) or tandem.status != Tandem.Status.ACTIVE:
        raise PermissionDenied
    if sender.status != Member.Status.ACTIVE or blocked_between(tandem.first, tandem.second):
        raise PermissionDenied
    limit = conf.get("EXCHANGE_MESSAGE_MAX_LENGTH")
    if not body:
        raise ValidationError({"body": _("Write a message first.")})
    if len(body) > limit:
        raise ValidationError({"body": _("At most %(n)s characters, please.") % {"n": limit}})
    if not hit(f"exchange-message:{sender.pk}", Rate.parse(conf.get("EXCHANGE_MESSAGE_RATE"))):
        raise ValidationError({"body": _("You are writing very fast. Please wait a few minutes.")})
    with transaction.atomic():
        return Message.objects.create(tandem=tandem, sender=sender, body=body)


def report_create(
    *,
    reporter: Member | None,
    reason: str,
    details: str = "",
    message: Message | None = None,
    post=None,
    actor=None,
) -> Report:
    """Report a message (by the partner who received it) or a post (by anyone)."""
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if message is not None and (
        reporter is None or not message.tandem.has(reporter) or message.sender_id == reporter.pk
    ):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.create(
            message=message,
            post=post,
            reporter=reporter,
            reason=reason,
            details=(details or "").strip()[:500],
        )
        audit_record(
            actor=actor,
            action="exchange.report",
            target=report,
            about="message" if message is not None else "post",
            reason=reason,
        )
    return report


def message_hide(*, message: Message, actor, reason: str) -> Message:
    """The safeguarding officer hides a reported message; reports on it are resolved."""
    from django.utils import timezone

    if not actor.has_perm("exchange.view_minor_messages"):
        raise PermissionDenied
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(hidden=True)
        message.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        audit_record(actor=actor, action="exchange.message_hide", target=message, reason=reason)
    message.hidden = True
    return message


def block_create(*, blocker: Member, blocked: Member, actor=None) -> Block:
    """Block a member: they are never suggested or able to write again, and an open tandem ends."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                block = Block.objects.create(blocker=blocker, blocked=blocked)
        except IntegrityError:
            block = Block.objects.get(blocker=blocker, blocked=blocked)
        low, high = sorted([blocker.pk, blocked.pk])
        for tandem in Tandem.objects.filter(low=low, high=high, status__in=Tandem.OPEN):
            tandem_end(tandem=tandem, member=blocker, actor=actor)
        audit_record(actor=actor, action="exchange.block", target=block)
    return block

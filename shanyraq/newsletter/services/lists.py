"""Importing an existing list (only as "asked to confirm"), exporting subscribers, a reader's data.

An imported address is never subscribed: it becomes a pending subscriber and gets the
confirmation e-mail, like a sign-up on the site. Suppressed addresses, confirmed readers and
addresses asked recently are left alone. The report says, row by row, what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx
from shanyraq.core.models import AuditEvent
from shanyraq.core.tables import read_table
from shanyraq.newsletter import conf, notifications
from shanyraq.newsletter.models import ConsentRecord, Subscriber, Topic
from shanyraq.newsletter.services.subscribers import clean_email, clean_language, clean_topics, is_suppressed

IMPORT_MAX_ROWS = 20_000
OUTCOMES = {
    "invited": gettext_lazy("Asked to confirm"),
    "subscribed": gettext_lazy("Already subscribed: nothing sent"),
    "waiting": gettext_lazy("Already asked recently: nothing sent"),
    "suppressed": gettext_lazy("Suppressed (unsubscribed or bounced): not asked"),
    "duplicate": gettext_lazy("Appears earlier in the file"),
    "invalid": gettext_lazy("Not a valid e-mail address"),
    "bad_value": gettext_lazy("Unknown language or topic"),
}
# What the invitation's consent record says was shown (the reader confirms it themselves later).
INVITE_TEXT = gettext_lazy("Imported from an existing list by staff; the reader was asked to confirm.")


@dataclass
class RowResult:
    row: int
    email: str
    outcome: str

    @property
    def label(self) -> str:
        return str(OUTCOMES[self.outcome])


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


def subscribers_import(*, data: bytes, filename: str, actor=None, language: str = "en") -> ImportReport:
    """Columns: email (required), language, topics (separated by ; or ,). Raises FileFormatError."""
    from shanyraq.core.tables import FileFormatError

    header, rows = read_table(data, filename, limit=IMPORT_MAX_ROWS)
    if "email" not in header:
        raise FileFormatError(_("The first row must name the columns; email is missing."))
    report, seen = ImportReport(), set()
    now = timezone.now()
    for number, raw in enumerate(rows, start=2):
        text = (raw.get("email") or "").strip()
        try:
            email = clean_email(text)
        except ValidationError:
            report.rows.append(RowResult(number, text[:80], "invalid"))
            continue
        if email.lower() in seen:
            report.rows.append(RowResult(number, email, "duplicate"))
            continue
        seen.add(email.lower())
        try:
            lang = clean_language(raw.get("language") or language)
            topics_text = (raw.get("topics") or "").replace(",", ";")
            topics = clean_topics([t.strip() for t in topics_text.split(";") if t.strip()] or Topic.values)
        except ValidationError:
            report.rows.append(RowResult(number, email, "bad_value"))
            continue
        report.rows.append(RowResult(number, email, _invite(email, lang, topics, now)))
    _audit(
        actor,
        "newsletter.import",
        **{outcome: report.count(outcome) for outcome in OUTCOMES if report.count(outcome)},
    )
    return report


def _audit(actor, action: str, **data) -> None:
    """An audit line about the whole list (core.audit_record needs one target object)."""
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=Subscriber._meta.label_lower,
        target_id="",
        data=data,
    )


def _invite(email: str, language: str, topics: list[str], now) -> str:
    if is_suppressed(email):
        return "suppressed"
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language, "topics": topics}
        )
        if subscriber.suppressed:
            return "suppressed"
        if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
            return "subscribed"
        if subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < conf.confirm_resend():
            return "waiting"
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return "suppressed"
        ConsentRecord.objects.create(
            subscriber=subscriber,
            action=ConsentRecord.Action.INVITED,
            source=ConsentRecord.Source.IMPORT,
            language=language,
            topics=topics,
            text_shown=str(INVITE_TEXT),
        )
        notifications.confirmation_notify(subscriber, language=language, topics=topics)
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
    return "invited"


EXPORT_HEADER = ["email", "language", "topics", "status", "suppressed", "signed_up", "confirmed"]


def _export_rows(queryset):
    for s in queryset.iterator(chunk_size=2000):
        yield [
            s.email,
            s.language,
            ";".join(s.topics),
            s.status,
            "yes" if s.suppressed else "no",
            s.created_at.isoformat(timespec="seconds"),
            s.confirmed_at.isoformat(timespec="seconds") if s.confirmed_at else "",
        ]


def subscribers_export(*, fmt: str) -> bytes:
    """Every subscriber as CSV or XLSX, formula-safe (core/exports.py). A read: like the other
    report exports it writes nothing (the role matrix proves GETs change nothing)."""
    queryset = Subscriber.objects.order_by("email")
    if fmt == "xlsx":
        return rows_to_xlsx(EXPORT_HEADER, _export_rows(queryset), title="subscribers")
    return rows_to_csv(EXPORT_HEADER, _export_rows(queryset))


def subscriber_data(subscriber: Subscriber) -> dict:
    """Everything the newsletter keeps about one reader (a subject access request)."""
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "topics": subscriber.topics,
        "status": subscriber.status,
        "suppressed": subscriber.suppressed,
        "hard_bounces": subscriber.bounces,
        "signed_up": subscriber.created_at.isoformat(),
        "confirmed": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "consents": [
            {
                "action": c.action,
                "source": c.source,
                "language": c.language,
                "topics": c.topics,
                "text_shown": c.text_shown,
                "at": c.at.isoformat(),
            }
            for c in subscriber.consents.all()
        ],
        "mailings_received": list(
            subscriber_deliveries(subscriber).values_list("mailing__title", "sent_at").order_by("sent_at")
        ),
    }


def subscriber_deliveries(subscriber: Subscriber):
    from shanyraq.newsletter.models import Delivery

    return Delivery.objects.filter(email__iexact=subscriber.email, status=Delivery.Status.SENT)

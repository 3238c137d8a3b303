"""Calls, applications, blind reviews and decisions.

- An applicant edits a draft and submits until the deadline; withdraws any time before a decision.
- Eligibility (age on the deadline, languages and levels, country) is checked on submit.
- Files are checked by their first bytes (PDF, JPEG, PNG) and size, whatever their name says.
- A reviewer on the call's panel scores each criterion; the others' scores stay hidden from them
  until their own review is in (reviews_visible_to); a declared conflict keeps them out.
- The coordinator decides (accepted, waiting list, declined); the applicant is e-mailed in their
  language. The export of accepted applicants goes through core.exports (formula-safe).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx
from shanyraq.core.services import audit_record
from shanyraq.exchange import notifications
from shanyraq.exchange.models import Answer, Application, Call, Conflict, Member, Question, Review
from shanyraq.exchange.services.files import files_rolled_back

FILE_MAX_BYTES = 5 * 1024 * 1024
FILE_KINDS = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def _file_kind(data: bytes) -> str | None:
    return next((ext for magic, ext in FILE_KINDS.items() if data.startswith(magic)), None)


def eligibility_problems(call: Call, member: Member) -> list[str]:
    """Why `member` may not apply to `call` (empty: eligible)."""
    problems = []
    age = member.person.age_on(timezone.localtime(call.deadline).date())
    if age is None or not call.min_age <= age <= call.max_age:
        problems.append(
            _("This call is for ages %(min)s to %(max)s.") % {"min": call.min_age, "max": call.max_age}
        )
    levels = {lang.language: lang.level for lang in member.languages.all()}
    for need in call.languages:
        if levels.get(need["language"], 0) < need["level"]:
            problems.append(_("This call needs a language you have not given at the level asked."))
            break
    if call.countries and member.country not in call.countries:
        problems.append(_("This call is open to other countries."))
    return problems


def _open(call: Call) -> None:
    if call.status != Call.Status.PUBLISHED or timezone.now() > call.deadline:
        raise ValidationError(_("This call is closed."))


def application_save(
    *, call: Call, member: Member, answers: dict[int, object], submit: bool = False, actor=None
) -> Application:
    """Save the answers as a draft (or submit them). `answers`: {question id: text, or (file name,
    bytes) for a file question}. Editing is allowed until the deadline, also after submitting."""
    _open(call)
    questions = {q.pk: q for q in call.questions.all()}
    errors: list[str] = []
    clean: dict[int, object] = {}
    for qid, value in answers.items():
        question = questions.get(int(qid))
        if question is None:
            continue
        if question.kind == Question.Kind.FILE and value:
            name, data = value
            if len(data) > FILE_MAX_BYTES or _file_kind(data) is None:
                errors.append(_("%(file)s: only PDF, JPEG or PNG files up to 5 MB.") % {"file": name})
                continue
        elif question.kind == Question.Kind.CHOICE and value and value not in question.choices:
            errors.append(_("Choose one of the answers offered."))
            continue
        elif question.kind == Question.Kind.TEXT:
            value = str(value or "").strip()[:10000]
        clean[question.pk] = value
    if errors:
        raise ValidationError(errors)
    with files_rolled_back() as stored, transaction.atomic():
        application, _created = Application.objects.select_for_update().get_or_create(
            call=call, member=member
        )
        if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
            raise ValidationError(_("This application can no longer be changed."))
        for qid, value in clean.items():
            answer, _new = Answer.objects.get_or_create(application=application, question_id=qid)
            if questions[qid].kind == Question.Kind.FILE:
                if value:
                    name, data = value
                    answer.file.save(f"{uuid.uuid4().hex}.{_file_kind(data)}", ContentFile(data), save=False)
                    stored.append(answer.file)
            else:
                answer.text = value
            answer.save()
        if submit:
            problems = eligibility_problems(call, member)
            have = {a.question_id: a for a in application.answers.all()}
            for q in questions.values():
                a = have.get(q.pk)
                if q.required and (a is None or not (a.text or a.file)):
                    problems.append(_("Please answer: %(question)s") % {"question": q.label})
            if problems:
                raise ValidationError(problems)
            application.status = Application.Status.SUBMITTED
            application.submitted_at = timezone.now()
            application.save(update_fields=["status", "submitted_at"])
            audit_record(actor=actor, action="exchange.application_submit", target=application)
    return application


def application_withdraw(*, application: Application, member: Member, actor=None) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.member_id != member.pk:
            raise PermissionDenied
        if application.status in Application.DECISIONS:
            raise ValidationError(_("This application can no longer be changed."))
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status"])
        audit_record(actor=actor, action="exchange.application_withdraw", target=application)
    return application


def _reviewer(application: Application, reviewer) -> None:
    if (
        not reviewer.has_perm("exchange.review_application")
        or not application.call.panel.filter(pk=reviewer.pk).exists()
    ):
        raise PermissionDenied
    if Conflict.objects.filter(application=application, reviewer=reviewer).exists():
        raise PermissionDenied


def conflict_declare(*, application: Application, reviewer, reason: str) -> Conflict:
    _reviewer(application, reviewer)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    with transaction.atomic():
        Review.objects.filter(application=application, reviewer=reviewer).delete()
        conflict = Conflict.objects.create(application=application, reviewer=reviewer, reason=reason[:300])
        audit_record(actor=reviewer, action="exchange.conflict", target=application, reason=reason)
    return conflict


def review_submit(*, application: Application, reviewer, scores: dict[str, int], comment: str = "") -> Review:
    """Score every criterion of the call within its range; a reviewer may change their own review."""
    _reviewer(application, reviewer)
    if application.status not in (Application.Status.SUBMITTED, *Application.DECISIONS):
        raise ValidationError(_("Only submitted applications are reviewed."))
    criteria = {c["code"]: c["max"] for c in application.call.criteria}
    if set(scores) != set(criteria) or any(
        not isinstance(v, int) or not 0 <= v <= criteria[k] for k, v in scores.items()
    ):
        raise ValidationError(_("Score every criterion within its range."))
    with transaction.atomic():
        review, _new = Review.objects.update_or_create(
            application=application,
            reviewer=reviewer,
            defaults={"scores": scores, "comment": comment.strip()},
        )
        audit_record(actor=reviewer, action="exchange.review", target=application)
    return review


def reviews_visible_to(*, application: Application, user) -> list[Review]:
    """Blind until done: a reviewer sees the others' scores only after submitting their own; the
    coordinator sees them all."""
    reviews = list(application.reviews.all())
    if user.has_perm("exchange.decide_application"):
        return reviews
    _reviewer(application, user)
    mine = [r for r in reviews if r.reviewer_id == user.pk]
    return reviews if mine else []


def application_decide(*, application: Application, decision: str, actor) -> Application:
    if not actor.has_perm("exchange.decide_application"):
        raise PermissionDenied
    if decision not in Application.DECISIONS:
        raise ValidationError(_("Unknown decision."))
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("member__person", "call")
            .get(pk=application.pk)
        )
        if application.status not in (Application.Status.SUBMITTED, *Application.DECISIONS):
            raise ValidationError(_("Only submitted applications can be decided."))
        if decision == Application.Status.ACCEPTED:
            accepted = application.call.applications.filter(status=Application.Status.ACCEPTED).exclude(
                pk=application.pk
            )
            if accepted.count() >= application.call.places:
                raise ValidationError(_("All places are taken; put the application on the waiting list."))
        application.status = decision
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.save(update_fields=["status", "decided_at", "decided_by"])
        audit_record(actor=actor, action="exchange.application_decide", target=application, decision=decision)
        notifications.application_decided(application)
    return application


def accepted_export(*, call: Call, fmt: str, actor) -> bytes:
    """Accepted applicants for visas and travel, formula-safe (core.exports)."""
    if not actor.has_perm("exchange.decide_application"):
        raise PermissionDenied
    header = ["name", "other names", "birth date", "country", "city", "e-mail"]
    rows = []
    for app in call.applications.filter(status=Application.Status.ACCEPTED).select_related("member__person"):
        person = app.member.person
        rows.append(
            [
                person.name,
                "; ".join(n.get("text", "") for n in person.other_names),
                person.birth_date.isoformat() if person.birth_date else "",
                app.member.country,
                app.member.city,
                person.email,
            ]
        )
    audit_record(actor=actor, action="exchange.accepted_export", target=call, fmt=fmt)
    if fmt == "xlsx":
        return rows_to_xlsx(header, rows, title="accepted")
    return rows_to_csv(header, rows)


def call_deadline_passed(call: Call, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) > call.deadline


def calls_close_due(now: dt.datetime | None = None) -> int:
    """Close every published call whose deadline has passed (the scheduler's job, every few
    minutes): the staff list then says Closed, and the panel knows applications are final.
    Applying already stops at the deadline itself (`_open`); this makes the state visible and
    lasting. A coordinator who extends the deadline can publish the call again (call_publish).
    Drafts that were never submitted stay drafts: they are not applications."""
    now = now or timezone.now()
    closed = 0
    due = Call.objects.filter(status=Call.Status.PUBLISHED, deadline__lt=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            # The same condition under the lock: a coordinator may have moved the deadline meanwhile.
            call = Call.objects.select_for_update().filter(pk=pk, status=Call.Status.PUBLISHED).first()
            if call is None or call.deadline >= now:
                continue
            call.status = Call.Status.CLOSED
            call.save(update_fields=["status"])
            submitted = call.applications.filter(status=Application.Status.SUBMITTED).count()
            audit_record(actor=None, action="exchange.call_close", target=call, submitted=submitted)
            closed += 1
    return closed

"""The exchange coordinator writes calls: texts in four languages, eligibility, deadline, places,
criteria, the review panel and the form's questions; then publishes or unpublishes them.

All or nothing: every problem is reported at once (field -> message) and nothing is written.
What applicants and reviewers already rely on is protected: a question that has answers is not
removed nor changes kind, and criteria that reviews have scored keep their codes and top scores
(their names may still be reworded).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.exchange.models import Answer, Call, Question, Review
from shanyraq.exchange.vocab import LANGUAGES

SUFFIXES = {"zh-hans": "zh_hans", "en": "en", "kk": "kk", "ru": "ru"}
CODE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_QUESTIONS = 30


def _texts(value: Any, limit: int) -> dict[str, str]:
    value = value if isinstance(value, dict) else {}
    return {code: str(value.get(code) or "").strip()[:limit] for code in SUFFIXES}


def _check_call(data: dict[str, Any], call: Call | None, errors: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": _texts(data.get("title"), 200),
        "description": _texts(data.get("description"), 20000),
    }
    if not any(out["title"].values()):
        errors["title"] = _("Give a title in at least one language.")
    deadline = data.get("deadline")
    if not isinstance(deadline, dt.datetime):
        errors["deadline"] = _("Give the deadline.")
    elif deadline <= timezone.now() and (call is None or deadline != call.deadline):
        errors["deadline"] = _("The deadline must be in the future.")
    out["deadline"] = deadline
    places = data.get("places")
    if not isinstance(places, int) or not 1 <= places <= 1000:
        errors["places"] = _("Give the number of places (1 to 1000).")
    out["places"] = places
    low, high = data.get("min_age"), data.get("max_age")
    if not (isinstance(low, int) and isinstance(high, int) and 14 <= low <= high <= 30):
        errors["min_age"] = _("The ages must be between 14 and 30, the youngest first.")
    out["min_age"], out["max_age"] = low, high
    languages = []
    for item in data.get("languages") or []:
        if item.get("language") not in LANGUAGES or item.get("level") not in range(1, 8):
            errors["languages"] = _("Choose each language from the list, with its level.")
            break
        if item["language"] in {lang["language"] for lang in languages}:
            errors["languages"] = _("Each language once, please.")
            break
        languages.append({"language": item["language"], "level": item["level"]})
    out["languages"] = languages
    countries = [str(c).strip().upper() for c in data.get("countries") or [] if str(c).strip()]
    if any(not COUNTRY.match(c) for c in countries):
        errors["countries"] = _("Countries as two-letter codes separated by commas, e.g. KZ, CN.")
    out["countries"] = sorted(set(countries))
    criteria = []
    for item in data.get("criteria") or []:
        code, top = str(item.get("code") or "").strip().lower(), item.get("max")
        if not CODE.match(code) or not isinstance(top, int) or not 1 <= top <= 100:
            errors["criteria"] = _(
                "Each criterion: a short name in Latin letters (e.g. motivation) and a top score of 1 to 100."
            )
            break
        if code in {c["code"] for c in criteria}:
            errors["criteria"] = _("Each criterion once, please.")
            break
        label = {k: v for k, v in _texts(item.get("label"), 100).items() if v}
        criteria.append({"code": code, "max": top, **({"label": label} if label else {})})
    if not criteria and "criteria" not in errors:
        errors["criteria"] = _("Give at least one criterion the reviewers score.")
    scored = [(c["code"], c["max"]) for c in call.criteria] if call is not None else []
    changed = call is not None and [(c["code"], c["max"]) for c in criteria] != scored
    if changed and Review.objects.filter(application__call=call).exists():
        errors["criteria"] = _("Reviewers have already scored these criteria; they can no longer change.")
    out["criteria"] = criteria
    User = get_user_model()
    panel = list(User.objects.filter(pk__in=[getattr(u, "pk", u) for u in data.get("panel") or []]))
    if any(not user.has_perm("exchange.review_application") for user in panel):
        errors["panel"] = _("Only reviewers can sit on the panel.")
    out["panel"] = panel
    return out


def _check_questions(questions: list[dict], call: Call | None, errors: dict[str, str]) -> list[dict]:
    existing = {q.pk: q for q in call.questions.all()} if call else {}
    answered = set(Answer.objects.filter(question__in=existing).values_list("question_id", flat=True))
    out = []
    for item in questions:
        pk = item.get("id")
        if pk is not None and pk not in existing:
            errors["questions"] = _("This question belongs to another call.")
            continue
        kind = item.get("kind")
        label = _texts(item.get("label"), 300)
        choices = [" ".join(str(c).split())[:100] for c in item.get("choices") or [] if str(c).strip()]
        if kind not in Question.Kind.values:
            errors["questions"] = _("Choose the kind of each question.")
        elif not any(label.values()):
            errors["questions"] = _("Write each question in at least one language.")
        elif kind == Question.Kind.CHOICE and len(set(choices)) < 2:
            errors["questions"] = _("A choice question needs at least two different answers, one per line.")
        elif pk in answered and kind != existing[pk].kind:
            errors["questions"] = _("A question that has answers cannot change its kind.")
        out.append({"id": pk, "kind": kind, "label": label, "choices": choices if kind == "choice" else [],
                    "required": bool(item.get("required"))})  # fmt: skip
    if len(out) > MAX_QUESTIONS:
        errors["questions"] = _("At most %(n)s questions.") % {"n": MAX_QUESTIONS}
    kept = {item["id"] for item in out}
    if answered - kept:
        errors["questions"] = _("A question that has answers cannot be removed.")
    return out


def call_save(*, call: Call | None, data: dict[str, Any], questions: list[dict], actor) -> Call:
    """Create (call=None) or change a call with its questions, in order. `data`: title and
    description ({language: text}), deadline, places, min_age, max_age, languages
    ([{"language", "level"}]), countries (codes), criteria ([{"code", "max", "label": {language:
    name}}]: the code keys the scores, the label is what reviewers read), panel (logins).
    `questions`: [{"id" (None: new), "kind", "label" ({language: text}), "choices", "required"}];
    an existing question left out is removed."""
    if not actor.has_perm("exchange.change_call" if call else "exchange.add_call"):
        raise PermissionDenied
    errors: dict[str, str] = {}
    clean = _check_call(data, call, errors)
    items = _check_questions(questions, call, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if call is None:
            call = Call(status=Call.Status.DRAFT)
        else:
            call = Call.objects.select_for_update().get(pk=call.pk)
        for field in ("title", "description"):
            for code, suffix in SUFFIXES.items():
                setattr(call, f"{field}_{suffix}", clean[field][code])
        for field in ("deadline", "places", "min_age", "max_age", "languages", "countries", "criteria"):
            setattr(call, field, clean[field])
        created = call.pk is None
        call.save()
        call.panel.set(clean["panel"])
        call.questions.exclude(pk__in=[i["id"] for i in items if i["id"]]).delete()
        for order, item in enumerate(items, start=1):
            question = Question(call=call) if item["id"] is None else call.questions.get(pk=item["id"])
            question.order, question.kind = order, item["kind"]
            question.choices, question.required = item["choices"], item["required"]
            for code, suffix in SUFFIXES.items():
                setattr(question, f"label_{suffix}", item["label"][code])
            question.save()
        audit_record(actor=actor, action="exchange.call_" + ("create" if created else "update"), target=call)
    return call


def call_publish(*, call: Call, publish: bool, actor) -> Call:
    """Publish (visitors read it in their language: a title in all four languages, at least one
    question and a deadline ahead) or take back to draft (applications stay as they are)."""
    if not actor.has_perm("exchange.change_call"):
        raise PermissionDenied
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if publish:
            problems = []
            if not all(getattr(call, f"title_{suffix}") for suffix in SUFFIXES.values()):
                problems.append(_("Give the title in all four languages before publishing."))
            if not call.questions.exists():
                problems.append(_("Add at least one question before publishing."))
            if call.deadline <= timezone.now():
                problems.append(_("The deadline must be in the future."))
            if problems:
                raise ValidationError(problems)
        call.status = Call.Status.PUBLISHED if publish else Call.Status.DRAFT
        call.save(update_fields=["status"])
        audit_record(
            actor=actor, action="exchange.call_" + ("publish" if publish else "unpublish"), target=call
        )
    return call

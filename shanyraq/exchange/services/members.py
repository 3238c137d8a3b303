"""Joining, confirming, the guardian's consent, profiles, and the matching index.

Nothing about a young person is stored as a Person until their e-mail is confirmed and, for a
minor, the guardian has consented (people.services.person_create enforces that for children).
Until then the form waits as a JoinRequest, deleted after EXCHANGE_JOIN_EXPIRE_DAYS.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core import languages as core_languages
from shanyraq.core.services import audit_record
from shanyraq.exchange import conf, notifications
from shanyraq.exchange.models import JoinRequest, MatchKey, Member, MemberLanguage
from shanyraq.exchange.vocab import (
    INTEREST_CODES,
    LANGUAGES,
    availability_mask,
    interest_mask,
    meeting_bits,
)
from shanyraq.people.models import Consent, Person
from shanyraq.people.services import consent_record, person_create

PROFILE_FIELDS = (
    "city",
    "country",
    "school",
    "interests",
    "availability",
    "meeting",
    "shares",
    "discoverable",
)


def age_on(birth: dt.date, day: dt.date) -> int:
    return Person(birth_date=birth).age_on(day)


def _clean_profile(data: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """Check the profile part of a join or edit form; collect errors, return the cleaned values."""
    out: dict[str, Any] = {}
    for field, limit in (("city", 100), ("school", 200)):
        value = " ".join(str(data.get(field) or "").split())
        if len(value) > limit:
            errors[field] = _("At most %(n)s characters, please.") % {"n": limit}
        out[field] = value
    if not out["city"]:
        errors["city"] = _("Please give your city.")
    country = str(data.get("country") or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        errors["country"] = _("Give the country as a two-letter code, e.g. KZ or CN.")
    out["country"] = country
    interests = list(dict.fromkeys(data.get("interests") or []))
    if any(i not in INTEREST_CODES for i in interests):
        errors["interests"] = _("Unknown interest.")
    out["interests"] = interests
    out["availability"] = list(data.get("availability") or [])
    meeting = data.get("meeting") or Member.Meeting.CENTER
    if meeting not in Member.Meeting.values:
        errors["meeting"] = _("Choose how you would like to meet.")
    out["meeting"] = meeting
    shares = [s for s in (data.get("shares") or []) if s in dict(Member.SHARE_CHOICES)]
    out["shares"] = shares
    out["discoverable"] = bool(data.get("discoverable", True))
    langs = data.get("languages") or []
    seen = set()
    for item in langs:
        code, direction, level = item.get("language"), item.get("direction"), item.get("level")
        if (
            code not in LANGUAGES
            or direction not in ("speaks", "learns")
            or level not in range(1, 8)
            or code in seen
        ):
            errors["languages"] = _("Check the languages: each once, with a level from A1 to C2 or native.")
            break
        seen.add(code)
    if not errors.get("languages") and (
        not any(i["direction"] == "speaks" for i in langs)
        or not any(i["direction"] == "learns" for i in langs)
    ):
        errors["languages"] = _("Give at least one language you speak and one you are learning.")
    out["languages"] = [
        {"language": i["language"], "direction": i["direction"], "level": int(i["level"])} for i in langs
    ]
    return out


def join_request_create(*, data: dict[str, Any], password: str, language: str | None = None) -> JoinRequest:
    """Check the join form and keep it until the e-mail is confirmed; e-mail the confirmation link.

    `data`: name, other_names ([{"script", "text"}]), display_name, email, birth_date (date),
    guardian_email (a minor), and the profile (city, country, school, languages, interests,
    availability, meeting, shares)."""
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = _("Please give your name.")
    display_name = " ".join(str(data.get("display_name") or "").split()) or name.split(" ")[0]
    email = str(data.get("email") or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Please give a valid e-mail address.")
    birth = data.get("birth_date")
    today = timezone.localdate()
    minor = False
    if not isinstance(birth, dt.date):
        errors["birth_date"] = _("Please give your birth date.")
    else:
        age = age_on(birth, today)
        if age < conf.get("EXCHANGE_MIN_AGE") or age > conf.get("EXCHANGE_MAX_AGE"):
            errors["birth_date"] = _("The youth exchange is for people aged %(min)s to %(max)s.") % {
                "min": conf.get("EXCHANGE_MIN_AGE"),
                "max": conf.get("EXCHANGE_MAX_AGE"),
            }
        minor = age < 18
    guardian_email = str(data.get("guardian_email") or "").strip()
    if minor:
        try:
            validate_email(guardian_email)
        except ValidationError:
            errors["guardian_email"] = _("Under 18: please give your parent's or guardian's e-mail.")
        else:
            if guardian_email.casefold() == email.casefold():
                errors["guardian_email"] = _("Your guardian's e-mail must be different from yours.")
    if len(password or "") < 8:
        errors["password"] = _("Choose a password of at least 8 characters.")
    other_names = [
        {"script": str(n.get("script", ""))[:4], "text": " ".join(str(n.get("text", "")).split())[:200]}
        for n in (data.get("other_names") or [])
        if str(n.get("text", "")).strip()
    ]
    profile = _clean_profile(data, errors)
    lang = core_languages.normalize(language) or core_languages.current()
    if errors:
        raise ValidationError(errors)
    stored = {
        "name": name,
        "display_name": display_name[:60],
        "other_names": other_names,
        "birth_date": birth.isoformat(),
        **profile,
    }
    with transaction.atomic():
        join = JoinRequest.objects.create(
            email=email,
            guardian_email=guardian_email if minor else "",
            language=lang,
            data=stored,
            password_hash=make_password(password),
        )
        notifications.join_confirm(join)
    return join


def _pending(pk: int) -> JoinRequest:
    cutoff = timezone.now() - dt.timedelta(days=conf.get("EXCHANGE_JOIN_EXPIRE_DAYS"))
    join = JoinRequest.objects.select_for_update().filter(pk=pk, created_at__gte=cutoff).first()
    if join is None:
        raise ValidationError(_("This link has expired or was already used. Please join again."))
    return join


def join_confirm_email(*, join_id: int) -> Member | JoinRequest:
    """The address is confirmed: an adult becomes a member now; a minor's guardian is asked."""
    with transaction.atomic():
        join = _pending(join_id)
        if join.status == JoinRequest.Status.GUARDIAN:
            return join  # the link opened twice: the guardian was already asked
        if join.guardian_email:
            join.status = JoinRequest.Status.GUARDIAN
            join.save(update_fields=["status"])
            notifications.guardian_consent(join)
            return join
        return _member_from_join(join, guardian=None)


def join_guardian_consent(
    *, join_id: int, guardian_name: str, consent: bool, photos: bool = False, full_name: bool = False
) -> Member | None:
    """The guardian's answer. Consent: the minor becomes a member, with the guardian and the
    consent records in people (child data; photos if ticked). Refusal: the request is deleted."""
    guardian_name = " ".join((guardian_name or "").split())
    with transaction.atomic():
        join = _pending(join_id)
        if join.status != JoinRequest.Status.GUARDIAN:
            raise ValidationError(_("This link has expired or was already used. Please join again."))
        if not consent:
            join.delete()
            return None
        if not guardian_name:
            raise ValidationError({"guardian_name": _("Please give your name.")})
        guardian = person_create(name=guardian_name, email=join.guardian_email, language=join.language)
        member = _member_from_join(join, guardian=guardian)
        if photos:
            consent_record(person=member.person, kind=Consent.Kind.PHOTOS, given_by=guardian)
        if full_name:
            member.name_public_consent_by = guardian
            member.save(update_fields=["name_public_consent_by"])
            audit_record(
                actor=None, action="exchange.name_public_consent", target=member, guardian=guardian.pk
            )
    return member


def _member_from_join(join: JoinRequest, *, guardian: Person | None) -> Member:
    data = join.data
    User = get_user_model()
    if Person.objects.filter(email__iexact=join.email, exchange_member__isnull=False).exists():
        join.delete()
        raise ValidationError(_("This e-mail already belongs to a member. Please sign in."))
    user = User.objects.create(
        username=f"member-{secrets.token_hex(6)}", email=join.email, password=join.password_hash
    )
    person = person_create(
        name=data["name"],
        other_names=data.get("other_names") or [],
        email=join.email,
        language=join.language,
        birth_date=dt.date.fromisoformat(data["birth_date"]),
        guardian=guardian,
        guardian_consent=guardian is not None,
        user=user,
    )
    member = member_create(person=person, display_name=data["display_name"], profile=data)
    audit_record(actor=user, action="exchange.member_join", target=member, minor=guardian is not None)
    join.delete()
    return member


def member_create(*, person: Person, display_name: str, profile: dict[str, Any]) -> Member:
    """The member of an existing person: profile, languages ([{"language", "direction", "level"}])
    and the matching index. Checked input only (the join service checks it; the demo and the test
    factories write their own): the one place a Member row is made."""
    member = Member.objects.create(
        person=person,
        display_name=display_name,
        **{f: profile[f] for f in PROFILE_FIELDS if f in profile},
    )
    _languages_set(member, profile["languages"])
    member_index(member)
    return member


def _languages_set(member: Member, langs: list[dict]) -> None:
    member.languages.all().delete()
    MemberLanguage.objects.bulk_create(MemberLanguage(member=member, **item) for item in langs)


def member_update(*, member: Member, data: dict[str, Any], actor=None) -> Member:
    """Change the profile (what partners see included); the matching index follows."""
    errors: dict[str, str] = {}
    profile = _clean_profile(data, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        for field in PROFILE_FIELDS:
            setattr(member, field, profile[field])
        display = " ".join(str(data.get("display_name") or "").split())
        if display:
            member.display_name = display[:60]
        member.save()
        _languages_set(member, profile["languages"])
        member_index(member)
        audit_record(actor=actor, action="exchange.member_update", target=member)
    return member


def member_index(member: Member) -> int:
    """Rewrite the member's MatchKey rows: one per (spoken, learned) language pair, with the
    profile copied as bit masks. Members who are not active or not discoverable get none."""
    MatchKey.objects.filter(member=member).delete()
    person = member.person
    if member.status != Member.Status.ACTIVE or not member.discoverable or person.birth_date is None:
        return 0
    langs = list(member.languages.all())
    speaks = [lang for lang in langs if lang.direction == "speaks"]
    learns = [lang for lang in langs if lang.direction == "learns"]
    common = {
        "birth_date": person.birth_date,
        "city": member.city.casefold(),
        "country": member.country,
        "interests": interest_mask(member.interests),
        "availability": availability_mask(member.availability),
        "meeting": meeting_bits(member.meeting),
    }
    rows = [
        MatchKey(
            member=member,
            key=f"{s.language}>{learn.language}",
            speak_level=s.level,
            learn_level=learn.level,
            **common,
        )
        for s in speaks
        for learn in learns
    ]
    MatchKey.objects.bulk_create(rows)
    return len(rows)


def member_suspend(*, member: Member, actor, reason: str) -> Member:
    """Staff take a member out of matching and messages (a safeguarding concern)."""
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        member.status = Member.Status.SUSPENDED
        member.save(update_fields=["status"])
        member_index(member)
        audit_record(actor=actor, action="exchange.member_suspend", target=member, reason=reason)
    return member


def joins_prune(*, now: dt.datetime | None = None) -> int:
    """Delete join requests nobody confirmed in time (the daily job)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=conf.get("EXCHANGE_JOIN_EXPIRE_DAYS"))
    deleted, _by_model = JoinRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted

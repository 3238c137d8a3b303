"""Showcase posts: written by members, public only after a moderator approves them.

Every moderation step (approve, hide, restore, delete) needs a reason and is audited; the search
index follows each step here (never from a signal). A minor's post never shows the full name
or an image marked as showing a face unless the guardian's consent is recorded (public_author,
image_public).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.core.services import audit_record
from shanyraq.exchange import search_sources
from shanyraq.exchange.models import Member, Post, PostImage
from shanyraq.exchange.services.files import files_rolled_back
from shanyraq.exchange.services.images import image_clean
from shanyraq.people.models import Consent
from shanyraq.people.selectors import consent_current
from shanyraq.search.services import index_documents, index_remove

SUFFIXES = {"zh-hans": "zh_hans", "en": "en", "kk": "kk", "ru": "ru"}
MAX_IMAGES = 8


def post_create(
    *, member: Member, kind: str, texts: dict[str, dict[str, str]], images: list[dict] = (), actor=None
) -> Post:
    """A new post, waiting for moderation. `texts`: {"kk": {"title": ..., "body": ...}, ...};
    `images`: [{"name", "data", "alt": {"kk": ...}, "shows_face": bool}]. All or nothing."""
    errors: dict[str, str] = {}
    if kind not in Post.Kind.values:
        errors["kind"] = _("Choose what kind of post this is.")
    clean: dict[str, dict[str, str]] = {}
    for code, value in (texts or {}).items():
        if code not in SUFFIXES:
            continue
        title = " ".join(str(value.get("title") or "").split())[:200]
        body = str(value.get("body") or "").strip()[:20000]
        if title or body:
            clean[code] = {"title": title, "body": body}
    if not clean:
        errors["texts"] = _("Write a title or a text in at least one language.")
    images = list(images or [])
    if len(images) > MAX_IMAGES:
        errors["images"] = _("At most %(n)s images per post.") % {"n": MAX_IMAGES}
    prepared = []
    for item in images:
        alts = {
            c: " ".join(str(t or "").split())[:300]
            for c, t in (item.get("alt") or {}).items()
            if c in SUFFIXES
        }
        if not any(alts.values()):
            errors["images"] = _(
                "Describe every image in words (a text alternative) for people who cannot see it."
            )
            continue
        try:
            data, width, height = image_clean(item["data"])
        except ValidationError as exc:
            errors["images"] = _("%(file)s: %(problem)s") % {
                "file": item.get("name", ""),
                "problem": " ".join(exc.messages),
            }
            continue
        prepared.append((data, width, height, alts, bool(item.get("shows_face"))))
    if errors:
        raise ValidationError(errors)
    with files_rolled_back() as stored, transaction.atomic():
        post = Post(member=member, kind=kind)
        for code, value in clean.items():
            setattr(post, f"title_{SUFFIXES[code]}", value["title"])
            setattr(post, f"body_{SUFFIXES[code]}", value["body"])
        post.save()
        for data, width, height, alts, face in prepared:
            image = PostImage(post=post, width=width, height=height, shows_face=face)
            for code, text in alts.items():
                setattr(image, f"alt_{SUFFIXES[code]}", text)
            image.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(data), save=False)
            stored.append(image.image)
            image.save()
        audit_record(actor=actor, action="exchange.post_create", target=post)
    return post


ACTIONS = {
    "approve": (Post.Status.PENDING, Post.Status.PUBLISHED),
    "hide": (Post.Status.PUBLISHED, Post.Status.HIDDEN),
    "restore": (Post.Status.HIDDEN, Post.Status.PUBLISHED),
}


def post_moderate(*, post: Post, action: str, reason: str, actor) -> Post | None:
    """approve / hide / restore / delete, with a reason, audited; reports on the post are resolved.
    Hiding is also allowed for a pending post (refused before publication)."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("exchange.moderate_post"):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if action not in (*ACTIONS, "delete"):
        raise ValidationError({"action": _("Unknown action.")})
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        pk = post.pk
        post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        if action == "delete":
            audit_record(actor=actor, action="exchange.post_delete", target=post, reason=reason)
            files = [image.image for image in post.images.all()]
            post.delete()
            transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
            index_remove(search_sources.KIND, [str(pk)])
            return None
        before, after = ACTIONS[action]
        allowed = (before, Post.Status.PENDING) if action == "hide" else (before,)
        if post.status not in allowed:
            raise ValidationError({"action": _("This post cannot be changed that way now.")})
        post.status = after
        if after == Post.Status.PUBLISHED and post.published_at is None:
            post.published_at = timezone.now()
        post.save(update_fields=["status", "published_at"])
        audit_record(actor=actor, action=f"exchange.post_{action}", target=post, reason=reason)
        index_documents(search_sources.documents(ids=[pk]))
    return post


def public_author(post: Post) -> str:
    """The name shown on a public post: the first name, or the full name if the member shares it
    and, for a minor, the guardian recorded the consent."""
    member = post.member
    person = member.person
    if person.is_minor_on(timezone.localdate()):
        return (
            person.name
            if member.name_public_consent_by_id and "full_name" in member.shares
            else member.display_name
        )
    return person.name if "full_name" in member.shares else member.display_name


def image_public(image: PostImage) -> bool:
    """A picture of a minor's face is shown only with the guardian's photo consent (people.Consent)."""
    person = image.post.member.person
    if not image.shows_face or not person.is_minor_on(timezone.localdate()):
        return True
    return consent_current(person, Consent.Kind.PHOTOS)

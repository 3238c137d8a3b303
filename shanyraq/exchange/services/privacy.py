"""Data export and erasure of members (decision 013): the erasure hook and the export.

Erasing a member deletes the profile, languages, matching keys, tandems with their messages
and meetings (the room bookings stay, naming no one), blocks, posts with their image files and
index entries; reports they made lose the reporter. A join request from the address goes too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shanyraq.core import languages
from shanyraq.exchange import search_sources
from shanyraq.exchange.models import Answer, Block, JoinRequest, Meeting, Member, Message, Tandem
from shanyraq.exchange.selectors import years_before
from shanyraq.mail.services import outbox_erase_about
from shanyraq.people.models import Person
from shanyraq.search.services import index_remove


def member_export(member: Member) -> dict:
    """Everything the exchange keeps about the member, as JSON-ready data."""
    person = member.person
    tandems = Tandem.objects.filter(Q(first=member) | Q(second=member))
    return {
        "name": person.name,
        "other_names": person.other_names,
        "display_name": member.display_name,
        "e-mail": person.email,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "city": member.city,
        "country": member.country,
        "school": member.school,
        "interests": member.interests,
        "availability": member.availability,
        "meeting": member.meeting,
        "shown_to_partners": member.shares,
        "suggested_to_others": member.discoverable,
        "languages": [
            {"language": lang.language, "direction": lang.direction, "level": lang.level}
            for lang in member.languages.all()
        ],
        "tandems": [{"id": t.pk, "status": t.status, "created": t.created_at.isoformat()} for t in tandems],
        "messages_sent": [
            {"tandem": m.tandem_id, "sent": m.sent_at.isoformat(), "text": m.body}
            for m in Message.objects.filter(sender=member)
        ],
        "posts": [
            {
                "id": p.pk,
                "status": p.status,
                "title": languages.as_dict(p, "title"),
                "text": languages.as_dict(p, "body"),
            }
            for p in member.posts.all()
        ],
        "applications": [
            {
                "call": a.call_id,
                "status": a.status,
                "answers": {ans.question_id: ans.text for ans in a.answers.all()},
            }
            for a in member.applications.all()
        ],
        "blocked": list(Block.objects.filter(blocker=member).values_list("blocked_id", flat=True)),
    }


def member_erase_data(member: Member) -> list[str]:
    """Delete what the exchange keeps about this member (inside the erasure's transaction)."""
    words = [member.display_name, member.school, member.city]
    post_ids = [str(pk) for pk in member.posts.values_list("pk", flat=True)]
    files = [image.image for post in member.posts.all() for image in post.images.all()]
    files += [a.file for a in Answer.objects.filter(application__member=member).exclude(file="")]
    member.posts.all().delete()
    tandems = Tandem.objects.filter(Q(first=member) | Q(second=member))
    # E-mails to the partners named the member ("Li would like to be your tandem partner").
    outbox_erase_about(related_type="exchange.tandem", ids=tandems.values_list("pk", flat=True))
    outbox_erase_about(
        related_type="exchange.meeting",
        ids=Meeting.objects.filter(tandem__in=tandems).values_list("pk", flat=True),
    )
    tandems.delete()
    member.delete()
    if post_ids:
        index_remove(search_sources.KIND, post_ids)
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
    return [w for w in words if w]


def person_forget(*, person: Person, actor=None) -> Iterable[str]:
    """Erasure hook (people.conf.DEFAULT_ERASURE_HOOKS)."""
    words: list[str] = []
    if person.email:
        JoinRequest.objects.filter(
            Q(email__iexact=person.email) | Q(guardian_email__iexact=person.email)
        ).delete()
    member = Member.objects.filter(person=person).first()
    if member is not None:
        words += member_erase_data(member)
    # A guardian erased: people unlinked their minor children who have a login (members do);
    # a minor member without a guardian's consent may not stay active.
    adult_line = years_before(timezone.localdate(), 18)
    from shanyraq.exchange.services.members import member_suspend

    for orphan in Member.objects.filter(
        status=Member.Status.ACTIVE, person__guardian__isnull=True, person__birth_date__gt=adult_line
    ):
        member_suspend(member=orphan, actor=actor, reason="guardian erased")
    return words

"""The demo exchange: members with guardians for the minors, five tandems (minors only with
minors), two open calls in four languages with applications at every stage, and a showcase with
approved and pending posts; loading it twice adds nothing."""

import pytest
from django.utils import timezone

from shanyraq.exchange import demo
from shanyraq.exchange.models import Application, Call, Member, Message, Post, Review, Tandem
from shanyraq.exchange.selectors import is_minor, may_meet
from shanyraq.people.models import Consent

pytestmark = pytest.mark.django_db

LANGS = ("zh_hans", "en", "kk", "ru")


@pytest.fixture
def loaded(roles, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return demo.load(today=timezone.localdate())


def test_demo_counts(loaded):
    assert loaded == {"members": 14, "tandems": 5, "calls": 2, "applications": 9, "posts": 5}
    assert Member.objects.count() == 14
    assert Tandem.objects.count() == 5
    assert sorted(Tandem.objects.values_list("status", flat=True)) == ["active"] * 4 + ["requested"]
    assert Message.objects.count() == 5


def test_demo_minors_have_guardians_and_consents_and_meet_only_minors(loaded):
    today = timezone.localdate()
    minors = [m for m in Member.objects.select_related("person") if is_minor(m, today)]
    assert sorted(m.display_name for m in minors) == ["Dana", "Liu", "Timur", "Zhao"]
    for member in minors:
        person = member.person
        assert person.guardian is not None and person.guardian.email
        assert Consent.objects.filter(person=person, kind=Consent.Kind.CHILD_DATA, granted=True).exists()
        assert member.meeting == Member.Meeting.CENTER
    for tandem in Tandem.objects.select_related("first__person", "second__person"):
        assert may_meet(tandem.first, tandem.second, today)
        assert tandem.involves_minor == (is_minor(tandem.first, today) or is_minor(tandem.second, today))
    assert Tandem.objects.filter(involves_minor=True).count() == 1


def test_demo_calls_are_open_in_four_languages_with_every_stage(loaded):
    calls = Call.objects.filter(status=Call.Status.PUBLISHED, deadline__gt=timezone.now())
    assert calls.count() == 2
    for call in calls:
        assert all(getattr(call, f"title_{s}") and getattr(call, f"description_{s}") for s in LANGS)
        assert all(getattr(q, f"label_{s}") for q in call.questions.all() for s in LANGS)
        assert {q.kind for q in call.questions.all()} >= {"text", "file"}
        assert all(c["label"][code] for c in call.criteria for code in ("zh-hans", "en", "kk", "ru"))
        assert call.panel.count() == 2
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            "accepted",
            "accepted",
            "waiting",
            "declined",
            "submitted",
            "submitted",
            "submitted",
            "draft",
            "withdrawn",
        ]
    )
    under_review = Application.objects.filter(status="submitted", reviews__isnull=False).distinct()
    assert under_review.count() == 2  # scored by one reviewer so far, the other not yet
    assert Review.objects.count() == 10
    assert Application.objects.filter(status="submitted", reviews__isnull=True).count() == 1


def test_demo_showcase_has_approved_and_pending_posts_in_four_languages(loaded):
    assert Post.objects.filter(status=Post.Status.PUBLISHED).count() == 3
    assert Post.objects.filter(status=Post.Status.PENDING).count() == 2
    for suffix in LANGS:
        assert Post.objects.exclude(**{f"title_{suffix}": ""}).exists()
    image = Post.objects.get(kind="photos").images.get()
    assert all(getattr(image, f"alt_{s}") for s in LANGS)


def test_running_the_demo_twice_adds_nothing(loaded):
    assert demo.load(today=timezone.localdate()) == {
        "members": 0,
        "tandems": 0,
        "calls": 0,
        "applications": 0,
        "posts": 0,
    }
    assert Member.objects.count() == 14

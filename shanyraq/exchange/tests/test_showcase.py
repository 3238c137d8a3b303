import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from shanyraq.core.models import AuditEvent
from shanyraq.exchange.models import Post
from shanyraq.exchange.services import showcase
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.people.models import Consent
from shanyraq.people.services import consent_record
from shanyraq.search.selectors import search

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_post_is_public_and_searchable_only_after_approval_across_scripts(clock, media, staff_user, client):
    member = member_make(name="Aigerim Nurlanovna")
    post = showcase.post_create(
        member=member,
        kind="story",
        texts={"kk": {"title": "Алматыдағы жаз", "body": "Біз таулармен жүрдік."}},
    )
    assert client.get(f"/kk/exchange/showcase/{post.pk}/").status_code == 404
    moderator = staff_user("moderator")
    showcase.post_moderate(post=post, action="approve", reason="fine", actor=moderator)
    page = client.get(f"/kk/exchange/showcase/{post.pk}/").content.decode()
    assert '<meta property="og:title" content="Алматыдағы жаз">' in page
    assert "Aigerim Nurlanovna" not in page and "Aigerim" in page
    assert [h.path for h in search("Almatydagy jaz", kind="post")] == [f"/exchange/showcase/{post.pk}/"]
    showcase.post_moderate(post=post, action="hide", reason="reported", actor=moderator)
    assert search("Алматыдағы", kind="post") == []
    assert list(
        AuditEvent.objects.filter(target_type="exchange.post").values_list("action", "data__reason")
    ) == [
        ("exchange.post_hide", "reported"),
        ("exchange.post_approve", "fine"),
        ("exchange.post_create", None),
    ]


def test_moderation_needs_the_role_and_a_reason(clock, staff_user):
    post = showcase.post_create(member=member_make(), kind="story", texts={"en": {"title": "T", "body": "B"}})
    with pytest.raises(PermissionDenied):
        showcase.post_moderate(post=post, action="approve", reason="ok", actor=staff_user("librarian"))
    with pytest.raises(ValidationError):
        showcase.post_moderate(post=post, action="approve", reason=" ", actor=staff_user("moderator"))
    post.refresh_from_db()
    assert post.status == Post.Status.PENDING


def test_images_are_reencoded_without_exif_and_need_a_text_alternative(clock, media):
    member = member_make()
    with pytest.raises(ValidationError):
        showcase.post_create(
            member=member,
            kind="photos",
            texts={"en": {"title": "T"}},
            images=[{"name": "a.jpg", "data": jpeg_with_exif(), "alt": {}}],
        )
    with pytest.raises(ValidationError):
        showcase.post_create(
            member=member,
            kind="photos",
            texts={"en": {"title": "T"}},
            images=[{"name": "a.jpg", "data": b"GIF89a...", "alt": {"en": "x"}}],
        )
    assert Post.objects.count() == 0
    post = showcase.post_create(
        member=member,
        kind="photos",
        texts={"en": {"title": "T"}},
        images=[{"name": "a.jpg", "data": jpeg_with_exif(), "alt": {"en": "A red square"}}],
    )
    stored = post.images.get()
    with Image.open(stored.image.path) as img:
        assert dict(img.getexif()) == {}
    assert stored.alt_en == "A red square"


def test_a_minors_face_and_full_name_need_the_guardians_consent(clock, media):
    guardian = guardian_make()
    minor = member_make(
        name="Dana Serikova", born=dt.date(2010, 4, 1), guardian=guardian, shares=["full_name"]
    )
    post = showcase.post_create(
        member=minor, kind="photos", texts={"en": {"title": "Camp"}},
        images=[{"name": "me.jpg", "data": jpeg_with_exif(), "alt": {"en": "Me"}, "shows_face": True}],
    )  # fmt: skip
    image = post.images.get()
    assert showcase.public_author(post) == "Dana"
    assert not showcase.image_public(image)
    consent_record(person=minor.person, kind=Consent.Kind.PHOTOS, given_by=guardian)
    minor.name_public_consent_by = guardian
    minor.save()
    post.refresh_from_db()
    assert showcase.image_public(image)
    assert showcase.public_author(post) == "Dana Serikova"

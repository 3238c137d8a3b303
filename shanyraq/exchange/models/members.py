"""Youth exchange: members, language tandems, their messages and meetings, and the showcase.

A `Member` is a young person (14-30) linked to a `people.Person`, which holds the names in every
script, the birth date, the e-mail, the guardian and the consents. Until the e-mail (and, for a
minor, the guardian's consent) is confirmed, nothing but a `JoinRequest` exists, deleted after a
week: no Person is kept for a child without the guardian's consent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.exchange.vocab import LEVELS


class JoinRequest(models.Model):
    """A join form waiting for its e-mail confirmation (and a minor's guardian's consent)."""

    class Status(models.TextChoices):
        EMAIL = "email", _("Waiting for the e-mail confirmation")
        GUARDIAN = "guardian", _("Waiting for the guardian's consent")

    email = models.EmailField(_("e-mail"))
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    # The cleaned join form (names, birth date, profile); the password only as its hash.
    data = models.JSONField(_("details"), default=dict)
    password_hash = models.CharField(max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.EMAIL)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self) -> str:
        return f"join #{self.pk} ({self.status})"


class Member(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("member status", "Active")
        SUSPENDED = "suspended", pgettext_lazy("member status", "Suspended")

    class Meeting(models.TextChoices):
        CENTER = "center", _("At the center")
        ONLINE = "online", _("Online")
        BOTH = "both", _("At the center or online")

    # What a member may show to tandem partners (the first name and the languages are always shown).
    SHARE_CHOICES = (
        ("full_name", _("My full name")),
        ("age", _("My age")),
        ("city", _("My city")),
        ("school", _("My school or university")),
        ("interests", _("My interests")),
        ("availability", _("When I am free")),
    )
    SHARE_DEFAULT = ["age", "city", "interests", "availability"]

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="exchange_member", verbose_name=_("person")
    )
    display_name = models.CharField(
        _("first name shown to partners"), max_length=60, help_text=_("Only this name is shown by default.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. KZ, CN."))
    school = models.CharField(_("school or university"), max_length=200, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    meeting = models.CharField(
        _("meeting form"), max_length=10, choices=Meeting.choices, default=Meeting.CENTER
    )
    shares = models.JSONField(_("shown to partners"), default=list, blank=True)
    discoverable = models.BooleanField(
        _("suggest me to others"), default=True, help_text=_("Off: nobody is offered you as a partner.")
    )
    # A minor's guardian allowed the full name on the showcase (audited when recorded).
    name_public_consent_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("full name on the showcase allowed by"),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["pk"]
        permissions = [
            ("view_minor_messages", _("Can read minors' messages (safeguarding)")),
            ("moderate_post", _("Can moderate showcase posts")),
        ]

    def __str__(self) -> str:
        return self.display_name


class MemberLanguage(models.Model):
    class Direction(models.TextChoices):
        SPEAKS = "speaks", _("speaks")
        LEARNS = "learns", _("learns")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVELS)

    class Meta:
        verbose_name = _("language of a member")
        verbose_name_plural = _("languages of members")
        constraints = [
            models.UniqueConstraint(fields=["member", "language"], name="exchange_language_once"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=7), name="exchange_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.direction} {self.language}"


class MatchKey(models.Model):
    """One row per (member, language they speak, language they learn): the precomputed index the
    matching selector reads. `key` is "<speaks>><learns>" ("zh>kk"); a partner for someone whose
    key is "kk>zh" has key "zh>kk". Written only by services.members.member_index, so only
    active, discoverable members have rows. The profile figures are copied here (bit masks) so
    scoring needs no join."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=20)
    birth_date = models.DateField()
    city = models.CharField(max_length=100)  # casefolded
    country = models.CharField(max_length=2)
    speak_level = models.PositiveSmallIntegerField()
    learn_level = models.PositiveSmallIntegerField()
    interests = models.BigIntegerField(default=0)
    availability = models.BigIntegerField(default=0)
    meeting = models.PositiveSmallIntegerField(default=1)  # bit 1: center, bit 2: online

    class Meta:
        indexes = [
            models.Index(fields=["key", "birth_date"], name="exchange_matchkey_age"),
            models.Index(fields=["key", "city", "birth_date"], name="exchange_matchkey_city"),
        ]
        constraints = [models.UniqueConstraint(fields=["member", "key"], name="exchange_matchkey_once")]

    def __str__(self) -> str:
        return self.key


class Tandem(models.Model):
    """Two members teaching each other: `first` teaches `first_teaches`, `second` teaches `second_teaches`."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("tandem", "Requested")
        ACTIVE = "active", pgettext_lazy("tandem", "Active")
        DECLINED = "declined", pgettext_lazy("tandem", "Declined")
        ENDED = "ended", pgettext_lazy("tandem", "Ended")

    OPEN = (Status.REQUESTED, Status.ACTIVE)

    first = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    second = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("partner"))
    first_teaches = models.CharField(_("language taught by the requester"), max_length=8)
    second_teaches = models.CharField(_("language taught by the partner"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Set when either partner is a minor: every meeting at the center, messages seen by safeguarding.
    involves_minor = models.BooleanField(_("involves a minor"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The lower and higher member id: one open tandem per pair, whoever asked.
    low = models.PositiveIntegerField(editable=False)
    high = models.PositiveIntegerField(editable=False)

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["low", "high"],
                condition=Q(status__in=["requested", "active"]),
                name="exchange_one_open_tandem",
            ),
            models.CheckConstraint(condition=Q(low__lt=models.F("high")), name="exchange_tandem_two_members"),
        ]

    def __str__(self) -> str:
        return f"tandem #{self.pk} ({self.status})"

    def partner_of(self, member: Member) -> Member:
        return self.second if member.pk == self.first_id else self.first

    def has(self, member: Member) -> bool:
        return member.pk in (self.first_id, self.second_id)


class Meeting(models.Model):
    """A tandem meeting in a supervised room of the center: its time is a spaces.Booking."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="meetings")
    booking = models.OneToOneField(
        "spaces.Booking", on_delete=models.PROTECT, related_name="exchange_meeting", verbose_name=_("booking")
    )
    booked_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("tandem meeting")
        verbose_name_plural = _("tandem meetings")
        ordering = ["booking__start"]

    def __str__(self) -> str:
        return f"meeting #{self.pk}"


class Message(models.Model):
    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    hidden = models.BooleanField(_("hidden after a report"), default=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"message #{self.pk}"


class Block(models.Model):
    blocker = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="exchange_block_once")]

    def __str__(self) -> str:
        return f"block #{self.pk}"


class Post(models.Model):
    """A member's story, photos, translation or creative work; public only once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("post", "Waiting for moderation")
        PUBLISHED = "published", pgettext_lazy("post", "Published")
        HIDDEN = "hidden", pgettext_lazy("post", "Hidden")

    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        PHOTOS = "photos", _("Photos")
        TRANSLATION = "translation", _("Translation")
        CREATIVE = "creative", _("Creative work")

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="posts", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.STORY)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"post #{self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("exchange:post", kwargs={"pk": self.pk})


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="exchange/posts/%Y/%m/")
    alt = models.CharField(_("text alternative"), max_length=300)
    shows_face = models.BooleanField(
        _("shows a face"),
        default=False,
        help_text=_("A minor's face is shown only with the guardian's consent."),
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"image #{self.pk}"


class Report(models.Model):
    """A report of a message or a post. Every report and its handling is in the audit trail."""

    class Reason(models.TextChoices):
        UNSAFE = "unsafe", _("Makes me feel unsafe")
        HARASSMENT = "harassment", _("Harassment or bullying")
        SPAM = "spam", _("Spam or advertising")
        PRIVATE = "private", _("Shares private information")
        OTHER = "other", _("Something else")

    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = models.CharField(_("details"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(message__isnull=False, post__isnull=True)
                | Q(message__isnull=True, post__isnull=False),
                name="exchange_report_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"report #{self.pk}"

"""Programs (courses, workshops, concerts, tours), their dated sessions and registrations.

A course is registered as a whole: its registrations point at the program and cover every
session. Every other kind is registered per session. In both cases the rows that hold the seats
are found by `Registration.pool_filter`, and the row locked while counting them is the program
(course) or the session (others); see programs/services/registrations.py.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LEVELS = [(code, code) for code in ("A1", "A2", "B1", "B2", "C1", "C2")]


def new_code() -> str:
    """A ticket code short enough to type at the desk, long enough not to be guessed."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Program(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        WORKSHOP = "workshop", _("Workshop or master class")
        PERFORMANCE = "performance", _("Performance")
        LECTURE = "lecture", _("Lecture")
        SCREENING = "screening", _("Screening")
        TOUR = "tour", _("Guided tour")
        MEETUP = "meetup", _("Exchange meet-up")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("image"), upload_to="programs/", blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    level = models.CharField(_("level"), max_length=2, choices=LEVELS, blank=True)
    language = models.CharField(
        _("language of instruction"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    teachers = models.ManyToManyField(
        "people.Person", blank=True, related_name="programs_taught", verbose_name=_("teachers and performers")
    )
    price = models.DecimalField(_("price (CNY)"), max_digits=8, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(
        _("seats for the whole course"),
        null=True,
        blank=True,
        help_text=_("Courses only; empty: the smallest session."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    max_per_booker = models.PositiveSmallIntegerField(
        _("seats one person may book"), default=6, help_text=_("A guardian with children, a family.")
    )
    allow_groups = models.BooleanField(_("group bookings (school classes)"), default=False)
    max_group_size = models.PositiveSmallIntegerField(_("largest group"), default=40)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["pk"]
        permissions = [
            ("view_reports", _("Can view program reports")),
            ("check_in", _("Can check visitors in")),
            ("mark_attendance", _("Can mark attendance in own classes")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", kwargs={"pk": self.pk})

    @property
    def registers_as_whole(self) -> bool:
        return self.kind == self.Kind.COURSE

    @property
    def is_free(self) -> bool:
        return not self.price


class Session(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("program")
    )
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="sessions", verbose_name=_("space")
    )
    booking = models.OneToOneField(
        "spaces.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session",
        verbose_name=_("booking"),
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(_("seats"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.program} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("programs:session", kwargs={"pk": self.pk})


class ProgramBooking(models.Model):
    """What one booker sent in one form: themselves, their children, or a school group.

    Its registrations share one e-mail and one booking page. `together` (the guardian's choice for
    siblings): everyone gets a seat, or everyone waits, and seats freed later are offered to all
    of them at once, never to some.
    """

    booker = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="program_bookings",
        verbose_name=_("booked by"),
    )
    together = models.BooleanField(_("all or nobody"), default=False)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"booking {self.pk}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        # A large group booked by an unconfirmed address: holds no seat until the booker
        # confirms the address or staff approve (programs/conf.py PROGRAMS_GROUP_VERIFY_ABOVE).
        PENDING = "pending", _("Awaiting confirmation")

    HOLDING = (Status.CONFIRMED, Status.OFFERED, Status.ATTENDED)
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.ATTENDED, Status.WAITING, Status.PENDING)
    CANCELLABLE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING, Status.PENDING)

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("program")
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
        help_text=_("Empty for a course: the registration covers every session."),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("participant")
    )
    booker = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="registrations_made",
        verbose_name=_("booked by"),
    )
    booker_email = models.EmailField(
        editable=False,
        blank=True,
        db_index=True,
        help_text="Lower-cased copy of the booker's e-mail for limits.",
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    group_name = models.CharField(_("group (school class)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    email_verified = models.BooleanField(_("e-mail confirmed"), default=False)
    code = models.CharField(_("ticket code"), max_length=12, unique=True, default=new_code)
    booking = models.ForeignKey(
        ProgramBooking,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("booking"),
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["program", "session", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.status}"

    @staticmethod
    def pool_filter(program: Program, session: Session | None) -> dict:
        return {"program": program, "session": None} if program.registers_as_whole else {"session": session}


class Attendance(models.Model):
    """One participant at one session: checked in at the door or marked by the teacher."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("registration")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked by"),
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.registration_id} {self.status}"

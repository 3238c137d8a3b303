"""Spaces of the center: exhibition halls, classrooms, creative studios, the library room."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Space(models.Model):
    class Kind(models.TextChoices):
        HALL = "hall", _("Exhibition hall")
        CLASSROOM = "classroom", _("Classroom")
        STUDIO = "studio", _("Creative studio")
        LIBRARY = "library", _("Library room")
        AUDITORIUM = "auditorium", _("Concert and lecture hall")
        STORAGE = "storage", _("Storage")

    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    is_public = models.BooleanField(
        _("shown to visitors"), default=True, help_text=_("Storage rooms and offices are never shown.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", kwargs={"slug": self.slug})


class Booking(models.Model):
    """A space reserved for a time, with setup and cleanup buffers that also block the space.

    `blocked_start`/`blocked_end` are the start and end widened by the buffers; they are what
    overlap checks compare, and they are written only by `spaces.services.booking_create` and
    `booking_move`, the one place where double booking is prevented.
    """

    class Kind(models.TextChoices):
        PROGRAM = "program", _("Program session")
        OUTSIDE = "outside", _("Outside request")
        INTERNAL = "internal", _("Internal use")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")
        # Nobody approved the outside request in time (spaces/conf.py SPACES_REQUEST_EXPIRE_HOURS).
        EXPIRED = "expired", pgettext_lazy("booking status", "Expired")

    ACTIVE = (Status.REQUESTED, Status.APPROVED)

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("space")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INTERNAL)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    setup_minutes = models.PositiveSmallIntegerField(_("setup (minutes)"), default=0)
    cleanup_minutes = models.PositiveSmallIntegerField(_("cleanup (minutes)"), default=0)
    blocked_start = models.DateTimeField(editable=False, db_index=True)
    blocked_end = models.DateTimeField(editable=False, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    public_title = models.CharField(
        _("public title"),
        max_length=300,
        blank=True,
        help_text=_("Shown in public calendars; empty means 'Booked'."),
    )
    is_public = models.BooleanField(_("shown to visitors"), default=False)
    public_url = models.CharField(_("public page"), max_length=300, blank=True)
    requester_name = models.CharField(_("requested by"), max_length=200, blank=True)
    requester_email = models.EmailField(_("requester's e-mail"), blank=True)
    # The page's language when the request was sent: the decision e-mail is written in it.
    requester_language = models.CharField(_("requester's language"), max_length=10, blank=True)
    decision_reason = models.CharField(
        _("reason for the decision"),
        max_length=500,
        blank=True,
        help_text=_("Told to the requester in the decision e-mail."),
    )
    teachers = models.ManyToManyField(
        "people.Person", blank=True, related_name="bookings", verbose_name=_("teachers and performers")
    )
    decided_by = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "pk"]
        permissions = [("approve_booking", _("Can approve or refuse booking requests"))]

    def __str__(self) -> str:
        return f"{self.space.slug} {self.start:%Y-%m-%d %H:%M}"


class ClosedDay(models.Model):
    """A day the whole center is closed (a public holiday, a move): no session or booking then,
    unless staff book it anyway with a reason (spaces.services.opening_problem)."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()

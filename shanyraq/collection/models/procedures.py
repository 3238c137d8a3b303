"""Spectrum procedures: object entry, acquisition, movement, loans, condition, inventory, deaccession.

Each row is history: services append rows and never edit the past.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.models.artifacts import Artifact
from shanyraq.spaces.models import Space


class ObjectEntry(models.Model):
    """An object arrives (for acquisition, loan or enquiry) before it is accessioned."""

    class Reason(models.TextChoices):
        ACQUISITION = "acquisition", _("Possible acquisition")
        LOAN_IN = "loan_in", _("Loan in")
        ENQUIRY = "enquiry", _("Enquiry")

    artifact = models.ForeignKey(
        Artifact, on_delete=models.PROTECT, related_name="entries", verbose_name=_("artifact")
    )
    entry_number = models.CharField(_("entry number"), max_length=60, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    depositor = models.CharField(_("depositor"), max_length=200)
    entered_at = models.DateTimeField(_("entered at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("object entry")
        verbose_name_plural = _("object entries")
        ordering = ["-entered_at"]

    def __str__(self) -> str:
        return self.entry_number


class Acquisition(models.Model):
    class Method(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        GIFT = "gift", _("Gift")
        BEQUEST = "bequest", _("Bequest")
        TRANSFER = "transfer", _("Transfer")
        FIELD = "field", _("Field collection")

    artifact = models.OneToOneField(
        Artifact, on_delete=models.PROTECT, related_name="acquisition", verbose_name=_("artifact")
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    source = models.CharField(_("acquired from"), max_length=200, blank=True)
    acquired_on = models.DateField(_("acquired on"))
    accessioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("acquisition")
        verbose_name_plural = _("acquisitions")

    def __str__(self) -> str:
        return f"{self.artifact.accession_number} {self.method}"


class Movement(models.Model):
    """Where an artifact went, when, who moved it and why. The latest one is its location."""

    class Reason(models.TextChoices):
        INSTALLATION = "installation", _("Installation in an exhibition")
        DEINSTALLATION = "deinstallation", _("Removal from display")
        STORAGE = "storage", _("Storage")
        CONSERVATION = "conservation", _("Conservation")
        PHOTOGRAPHY = "photography", _("Photography")
        LOAN = "loan", _("Loan")
        INVENTORY = "inventory", _("Inventory correction")
        ARRIVAL = "arrival", _("Arrival")

    artifact = models.ForeignKey(
        Artifact, on_delete=models.PROTECT, related_name="movements", verbose_name=_("artifact")
    )
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    location_detail = models.CharField(_("case or shelf"), max_length=120, blank=True)
    moved_at = models.DateTimeField(_("moved at"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-moved_at", "-pk"]
        get_latest_by = ["moved_at", "pk"]

    def __str__(self) -> str:
        return f"{self.artifact_id} -> {self.space_id} {self.location_detail}"


class LoanAgreement(models.Model):
    """What loans in and loans out share: the agreement, its insurance and its dates. Staff-only data."""

    class Status(models.TextChoices):
        # A loan out agreed for a later date: the artifacts stay where they are until it starts.
        AGREED = "agreed", _("Agreed, not started yet")
        ACTIVE = "active", _("Active")
        RETURNED = "returned", _("Returned")

    agreement_number = models.CharField(_("agreement number"), max_length=80, unique=True)
    insurance_value = models.DecimalField(_("insurance value"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("due back"))
    conditions = models.TextField(_("conditions"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["end_date"]


class LoanIn(LoanAgreement):
    """An institution lends us artifacts."""

    lender = models.CharField(_("lender institution"), max_length=300)
    artifacts = models.ManyToManyField(Artifact, related_name="loans_in", verbose_name=_("artifacts"))

    class Meta(LoanAgreement.Meta):
        verbose_name = _("loan in")
        verbose_name_plural = _("loans in")
        # Insurance values of loans in and out are confidential: the front desk reads loans without them.
        permissions = [("view_insurance_value", _("Can see the insurance values of loans"))]

    def __str__(self) -> str:
        return f"{self.agreement_number} ({self.lender})"


class LoanOut(LoanAgreement):
    """We lend artifacts to another institution."""

    borrower = models.CharField(_("borrower institution"), max_length=300)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    artifacts = models.ManyToManyField(Artifact, related_name="loans_out", verbose_name=_("artifacts"))

    class Meta(LoanAgreement.Meta):
        verbose_name = _("loan out")
        verbose_name_plural = _("loans out")

    def __str__(self) -> str:
        return f"{self.agreement_number} ({self.borrower})"


class ConditionCheck(models.Model):
    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")
        UNSTABLE = "unstable", _("Unstable")

    artifact = models.ForeignKey(
        Artifact, on_delete=models.PROTECT, related_name="condition_checks", verbose_name=_("artifact")
    )
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("condition check")
        verbose_name_plural = _("condition checks")
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.artifact_id} {self.checked_on} {self.grade}"


class ConditionCheckImage(models.Model):
    """A photograph taken at a condition check: staff-only evidence, never on public pages.

    Kept apart from ArtifactImage so a photograph of damage can never become a public image.
    Made by services.procedures.condition_check_record with the same checks as artifact images.
    """

    condition_check = models.ForeignKey(
        ConditionCheck, on_delete=models.CASCADE, related_name="images", verbose_name=_("condition check")
    )
    original = models.FileField(_("original"), upload_to="collection/condition/", editable=False)
    thumbnail = models.FileField(upload_to="collection/condition/thumb/", editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)

    class Meta:
        verbose_name = _("condition check image")
        verbose_name_plural = _("condition check images")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.condition_check_id} image {self.pk}"


class InventorySweep(models.Model):
    """A walk through one space: artifacts seen are recorded; the rest of its artifacts are missing."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inventory sweep")
        verbose_name_plural = _("inventory sweeps")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.space_id} {self.started_at:%Y-%m-%d}"


class InventorySighting(models.Model):
    sweep = models.ForeignKey(InventorySweep, on_delete=models.CASCADE, related_name="sightings")
    artifact = models.ForeignKey(Artifact, on_delete=models.PROTECT, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sweep", "artifact"], name="collection_sighting_once")]

    def __str__(self) -> str:
        return f"{self.sweep_id}:{self.artifact_id}"


class Deaccession(models.Model):
    """Leaving the collection: the artifact record stays, marked and unpublished."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Transfer to another museum")
        RETURN = "return", _("Return to owner")
        DESTRUCTION = "destruction", _("Destruction (decayed beyond repair)")
        LOSS = "loss", _("Loss")

    artifact = models.OneToOneField(
        Artifact, on_delete=models.PROTECT, related_name="deaccession", verbose_name=_("artifact")
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))
    authorized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("deaccession")
        verbose_name_plural = _("deaccessions")

    def __str__(self) -> str:
        return f"{self.artifact_id} {self.method}"

"""Artifacts and the managed vocabularies that describe them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """One term of a managed vocabulary (category, period, material, technique, object type).

    One table for all vocabularies keeps translation, import lookup and admin in one place.
    Periods carry signed years (BCE negative) so browsing can sort and filter by date.
    """

    class Vocabulary(models.TextChoices):
        CATEGORY = "category", _("Category")
        PERIOD = "period", _("Period")
        MATERIAL = "material", _("Material")
        TECHNIQUE = "technique", _("Technique")
        OBJECT_TYPE = "object_type", _("Object type")

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    slug = models.SlugField(_("short name"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    aat_id = models.CharField(
        _("Getty AAT ID"), max_length=20, blank=True, help_text=_("For example 300196395 (cauldrons).")
    )
    earliest_year = models.IntegerField(_("earliest year"), null=True, blank=True)
    latest_year = models.IntegerField(_("latest year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        ordering = ["vocabulary", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "slug"], name="collection_term_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name or self.slug


class AccessionCounter(models.Model):
    """The last sequence number given per key (e.g. per year); locked when a number is taken."""

    key = models.CharField(max_length=40, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("accession counter")
        verbose_name_plural = _("accession counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


# Statuses in which an artifact can never be public (services refuse to publish it; a database
# constraint backs them, so no admin form, import or raw UPDATE can publish one).
NEVER_PUBLIC_STATUSES = ("entered", "returned", "deaccessioned")


class Artifact(models.Model):
    class Status(models.TextChoices):
        ENTERED = "entered", _("Entered, not yet accessioned")
        ON_VIEW = "on_view", _("On view")
        IN_STORAGE = "in_storage", _("In storage")
        ON_LOAN_OUT = "on_loan_out", _("On loan out")
        RETURNED_TO_LENDER = "returned", _("Returned to lender")
        DEACCESSIONED = "deaccessioned", _("Deaccessioned")

    class Unit(models.TextChoices):
        CM = "cm", _("cm")
        MM = "mm", _("mm")
        M = "m", _("m")

    accession_number = models.CharField(_("accession number"), max_length=60, unique=True)
    object_name = models.CharField(_("object name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    label_text = models.TextField(_("label text"), blank=True)
    object_type = models.ForeignKey(
        Term,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.OBJECT_TYPE},
    )
    category = models.ForeignKey(
        Term,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.CATEGORY},
    )
    period = models.ForeignKey(
        Term,
        verbose_name=_("period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.PERIOD},
    )
    earliest_year = models.IntegerField(
        _("earliest year"), null=True, blank=True, help_text=_("Negative for BCE.")
    )
    latest_year = models.IntegerField(
        _("latest year"), null=True, blank=True, help_text=_("Negative for BCE.")
    )
    display_date = models.CharField(_("display date"), max_length=120, blank=True)
    culture = models.CharField(_("culture"), max_length=200, blank=True)
    place_of_origin = models.CharField(_("place of origin"), max_length=200, blank=True)
    materials = models.ManyToManyField(
        Term,
        verbose_name=_("materials"),
        blank=True,
        related_name="material_artifacts",
        limit_choices_to={"vocabulary": Term.Vocabulary.MATERIAL},
    )
    techniques = models.ManyToManyField(
        Term,
        verbose_name=_("techniques"),
        blank=True,
        related_name="technique_artifacts",
        limit_choices_to={"vocabulary": Term.Vocabulary.TECHNIQUE},
    )
    height = models.DecimalField(_("height"), max_digits=9, decimal_places=2, null=True, blank=True)
    width = models.DecimalField(_("width"), max_digits=9, decimal_places=2, null=True, blank=True)
    depth = models.DecimalField(_("depth"), max_digits=9, decimal_places=2, null=True, blank=True)
    diameter = models.DecimalField(_("diameter"), max_digits=9, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=4, choices=Unit.choices, default=Unit.CM)
    weight_g = models.DecimalField(_("weight (g)"), max_digits=10, decimal_places=1, null=True, blank=True)
    dimensions_note = models.CharField(_("dimensions as written"), max_length=500, blank=True)
    inscriptions = models.TextField(_("inscriptions"), blank=True)
    provenance = models.TextField(_("provenance"), blank=True)
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)
    rights_statement = models.CharField(_("rights statement"), max_length=300, blank=True)
    number_of_parts = models.PositiveSmallIntegerField(_("number of parts"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_STORAGE)
    published = models.BooleanField(_("published"), default=False)
    # Set only by services.movements.artifact_move: the location is always the latest movement.
    current_movement = models.ForeignKey(
        "collection.Movement",
        verbose_name=_("current location"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The space of current_movement, copied by the same service so browsing by hall needs no join.
    current_space = models.ForeignKey(
        "spaces.Space", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=40, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("artifact")
        verbose_name_plural = _("artifacts")
        ordering = ["accession_number"]
        # Browsing filters on `published` (services keep published artifacts in public statuses).
        indexes = [
            models.Index(fields=["published", "earliest_year"], name="collection_art_pub_year"),
            models.Index(fields=["published", "latest_year"], name="collection_art_pub_latest"),
            models.Index(fields=["published", "category"], name="collection_art_pub_cat"),
            models.Index(fields=["published", "period"], name="collection_art_pub_period"),
            models.Index(fields=["published", "status", "current_space"], name="collection_art_pub_hall"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(published=True, status__in=NEVER_PUBLIC_STATUSES),
                name="collection_artifact_never_published_when_not_public",
                violation_error_message=_("This artifact cannot be published in its present status."),
            )
        ]
        permissions = [
            ("move_artifact", _("Can move artifacts")),
            ("import_artifacts", _("Can import artifacts")),
            ("deaccession_artifact", _("Can deaccession artifacts")),
        ]

    def __str__(self) -> str:
        return f"{self.accession_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("collection:artifact", kwargs={"accession": self.accession_number})

    def dimension_list(self) -> list[tuple[str, str]]:
        """(label, "12.5 cm") pairs for the page; the written form when no number was given."""
        pairs = [
            (_("Height"), self.height),
            (_("Width"), self.width),
            (_("Depth"), self.depth),
            (_("Diameter"), self.diameter),
        ]
        out = [
            (str(label), f"{value.normalize():f} {self.unit}") for label, value in pairs if value is not None
        ]
        if self.weight_g is not None:
            out.append((str(_("Weight")), f"{self.weight_g.normalize():f} g"))
        return out

    @property
    def path(self) -> str:
        """The public path without a language prefix (for the search index and QR codes)."""
        return f"/collection/artifacts/{self.accession_number}/"

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.models.artifacts import Artifact


class ArtifactImage(models.Model):
    """An image with its derivatives, made once at upload by services.images.image_add."""

    artifact = models.ForeignKey(Artifact, on_delete=models.CASCADE, related_name="images")
    original = models.FileField(_("original"), upload_to="collection/original/")
    display = models.FileField(upload_to="collection/display/", editable=False)
    thumbnail = models.FileField(upload_to="collection/thumb/", editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt = models.CharField(_("alternative text"), max_length=300, blank=True)
    credit = models.CharField(_("photo credit"), max_length=300, blank=True)
    is_primary = models.BooleanField(_("primary image"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-is_primary", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["artifact"], condition=models.Q(is_primary=True), name="collection_one_primary_image"
            )
        ]

    def __str__(self) -> str:
        return f"{self.artifact_id} image {self.pk}"

    @property
    def iiif_service_path(self) -> str:
        """The IIIF Image API service of this image (no host): manifests and viewers start here."""
        return reverse("collection-iiif-image", kwargs={"pk": self.pk})

    @property
    def iiif_info_url(self) -> str:
        """The service's info.json (no host), what a deep-zoom viewer on the artifact page opens."""
        return reverse("collection-iiif-image-info", kwargs={"pk": self.pk})

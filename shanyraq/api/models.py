"""What the API keeps between requests: the first answer to each Idempotency-Key."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IdempotentRequest(models.Model):
    """The first answer to a write sent with an `Idempotency-Key`, replayed to every retry.

    `status_code` stays empty while the first request is being handled, so a retry that arrives
    meanwhile waits for it instead of taking a second seat.
    """

    key = models.CharField(_("key"), max_length=255)
    method = models.CharField(pgettext_lazy("HTTP", "method"), max_length=8)
    path = models.CharField(_("path"), max_length=500)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    body = models.BinaryField(_("body"), blank=True, default=b"")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["key", "method", "path"], name="api_idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"

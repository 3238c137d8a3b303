"""The search index table. Backend-specific full-text structures hang off it (see backends/)."""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.CharField(max_length=80)
    titles = models.JSONField(default=dict)
    summaries = models.JSONField(default=dict)
    path = models.CharField(max_length=300, blank=True)
    public = models.BooleanField(default=True)
    title_keys = models.TextField(blank=True)
    body_keys = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"

"""Name authorities: one record per person, organisation, place or work, with a preferred form
in each of the four languages and variant forms in any script (decision 026).

Bibliographic records, artifacts and programs link to authorities through link tables kept in
this app, so the domain apps' own tables and migrations stay as they are.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Authority(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", pgettext_lazy("authority kind", "Person")
        ORGANISATION = "organisation", pgettext_lazy("authority kind", "Organisation")
        PLACE = "place", pgettext_lazy("authority kind", "Place")
        WORK = "work", pgettext_lazy("authority kind", "Work")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Translated (translation.py): name_zh_hans, name_en, name_kk, name_ru: the preferred form.
    name = models.CharField(_("preferred name"), max_length=300)
    dates = models.CharField(_("dates"), max_length=100, blank=True, help_text=_("For example 1845-1904."))
    note = models.TextField(_("note"), blank=True)
    # MARC 001 of an imported or exported record; blank for hand-made ones until exported.
    control_number = models.CharField(_("control number"), max_length=50, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["control_number"],
                condition=~models.Q(control_number=""),
                name="authority_control_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name or f"#{self.pk}"


class Variant(models.Model):
    """Another form of the name, in any script, with where it comes from."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="variants")
    text = models.CharField(_("form"), max_length=300)
    script = models.CharField(
        _("script"), max_length=4, blank=True, help_text=_("Detected from the letters.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("variant form")
        verbose_name_plural = _("variant forms")
        ordering = ["authority", "pk"]
        constraints = [models.UniqueConstraint(fields=["authority", "text"], name="variant_unique_text")]

    def __str__(self) -> str:
        return self.text


class Relation(models.Model):
    """See also (MARC 5XX): a pseudonym, a predecessor body, a place that contains another."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="relations")
    related = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("relation"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "related"], name="relation_unique"),
            models.CheckConstraint(
                condition=~models.Q(authority=models.F("related")), name="relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id} -> {self.related_id}"


class Key(models.Model):
    """The search phrase key of every form (preferred and variant) of an authority: the query side
    of search looks a query's word runs up here. Rebuilt by services on every change."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "key"], name="key_unique")]

    def __str__(self) -> str:
        return self.key


class _Link(models.Model):
    """What the three link tables share: an authority, an object of another app, a role."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.authority_id} ({self.role})"


class RecordLink(_Link):
    class Role(models.TextChoices):
        AUTHOR = "author", pgettext_lazy("authority link", "Author")
        CONTRIBUTOR = "contributor", pgettext_lazy("authority link", "Contributor")
        SUBJECT = "subject", pgettext_lazy("authority link", "Subject")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="record_links")
    record = models.ForeignKey("library.Record", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AUTHOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "record", "role"], name="recordlink_unique")
        ]


class ArtifactLink(_Link):
    class Role(models.TextChoices):
        MAKER = "maker", pgettext_lazy("authority link", "Maker")
        PLACE = "place", pgettext_lazy("authority link", "Place")
        SUBJECT = "subject", pgettext_lazy("authority link", "Subject")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="artifact_links")
    artifact = models.ForeignKey("collection.Artifact", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MAKER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "artifact", "role"], name="artifactlink_unique")
        ]


class ProgramLink(_Link):
    class Role(models.TextChoices):
        PERFORMER = "performer", pgettext_lazy("authority link", "Performer")
        SUBJECT = "subject", pgettext_lazy("authority link", "Subject")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="program_links")
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PERFORMER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "program", "role"], name="programlink_unique")
        ]

"""A Person is anyone we know by name: visitor, patron, child, teacher, lender contact.

A `User` is only a login; a Person may have one (visitor account, staff) or none (a child
registered by a guardian). Children's data is kept only with a guardian's consent, which
`people.services.person_create` enforces.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ADULT_AGE = 18


class Person(models.Model):
    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=200, help_text=_("As the person writes it.")
    )
    other_names = models.JSONField(
        _("names in other scripts"),
        default=list,
        blank=True,
        help_text=_('A list of {"script": "Cyrl", "text": "..."} entries (ISO 15924 script codes).'),
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    guardian = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("guardian"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("login"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The one placeholder that registrations of erased people point to (people.services.person_erase).
    is_erased = models.BooleanField(_("erased"), default=False, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        permissions = [
            ("view_contact", _("Can see people's e-mail addresses and phone numbers")),
            ("view_child_data", _("Can see birth dates and guardians (children's data)")),
            ("link_login", _("Can change which login a person has")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["is_erased"], condition=models.Q(is_erased=True), name="people_one_erased_placeholder"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def is_minor_on(self, day: dt.date) -> bool:
        age = self.age_on(day)
        return age is not None and age < ADULT_AGE

    @property
    def all_names(self) -> list[str]:
        return [self.name, *(n.get("text", "") for n in self.other_names if n.get("text"))]


class Consent(models.Model):
    """What a person agreed to (or withdrew), which text version, when, and who recorded it."""

    class Kind(models.TextChoices):
        CHILD_DATA = "child_data", _("Keeping a child's data (given by the guardian)")
        PHOTOS = "photos", _("Photos and video at events")
        LOAN_HISTORY = "loan_history", _("Keeping my loan history")
        NEWSLETTER = "newsletter", _("News by e-mail")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    kind = models.CharField(_("consent"), max_length=30, choices=Kind.choices)
    granted = models.BooleanField(_("granted"), default=True)
    text_version = models.CharField(_("text version"), max_length=40)
    given_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents_given",
        verbose_name=_("given by"),
        help_text=_("The guardian, when the person is a child."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("recorded by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} {self.kind} {'+' if self.granted else '-'}"

"""The audit trail's filter (a GET form: the filtered page has its own address to share)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=pgettext_lazy("audit", "Action"),
        required=False,
        max_length=80,
        help_text=_("The beginning is enough: “registration.” finds every registration change."),
    )
    target_type = forms.ChoiceField(label=pgettext_lazy("audit", "Record type"), required=False)
    target_id = forms.CharField(label=pgettext_lazy("audit", "Record number"), required=False, max_length=80)
    actor = forms.CharField(label=pgettext_lazy("audit", "Who (login name)"), required=False, max_length=150)
    day_from = forms.DateField(
        label=pgettext_lazy("audit", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    day_to = forms.DateField(
        label=pgettext_lazy("audit", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, record_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [("", pgettext_lazy("audit", "Any"))] + [
            (t, t) for t in record_types
        ]

    def clean(self):
        data = super().clean()
        if data.get("day_from") and data.get("day_to") and data["day_from"] > data["day_to"]:
            raise forms.ValidationError(_("The first day comes after the last one."))
        return data

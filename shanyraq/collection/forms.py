"""Staff forms: parse and validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shanyraq.collection.models import Artifact, Movement
from shanyraq.spaces.models import Space


class AccessionField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return Artifact.objects.get(accession_number=value.strip())
        except Artifact.DoesNotExist:
            raise forms.ValidationError(_("No artifact has this accession number."))


class MoveForm(forms.Form):
    artifact = AccessionField(label=_("Accession number"), max_length=60)
    space = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Space.objects.filter(kind__in=[Space.Kind.HALL, Space.Kind.STORAGE]),
        to_field_name="slug",
    )
    location_detail = forms.CharField(label=_("Case or shelf"), max_length=120, required=False)
    reason = forms.ChoiceField(label=_("Reason"), choices=Movement.Reason.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (dry run)"), required=False, initial=True)


class LoanInForm(forms.Form):
    lender = forms.CharField(label=_("Lender institution"), max_length=300)
    agreement_number = forms.CharField(label=_("Agreement number"), max_length=80)
    accession_numbers = forms.CharField(label=_("Accession numbers (one per line)"), widget=forms.Textarea)
    insurance_value = forms.DecimalField(
        label=_("Insurance value"), max_digits=14, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Due back"), widget=forms.DateInput(attrs={"type": "date"}))
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea, required=False)

    def clean_accession_numbers(self):
        numbers = [n.strip() for n in self.cleaned_data["accession_numbers"].splitlines() if n.strip()]
        found = {a.accession_number: a for a in Artifact.objects.filter(accession_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                _("Unknown accession numbers: %(numbers)s") % {"numbers": ", ".join(missing)}
            )
        return [found[n] for n in numbers]


class ArtifactTextForm(forms.Form):
    """The texts curators touch most: titles and labels in four languages, and publishing."""

    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    label_text_zh_hans = forms.CharField(label=_("Label (Chinese)"), widget=forms.Textarea, required=False)
    label_text_en = forms.CharField(label=_("Label (English)"), widget=forms.Textarea, required=False)
    label_text_kk = forms.CharField(label=_("Label (Kazakh)"), widget=forms.Textarea, required=False)
    label_text_ru = forms.CharField(label=_("Label (Russian)"), widget=forms.Textarea, required=False)
    published = forms.BooleanField(label=_("Published"), required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{s}") for s in ("zh_hans", "en", "kk", "ru")):
            raise forms.ValidationError(_("Give a title in at least one language."))
        return data


class InventoryForm(forms.Form):
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.filter(kind__in=[Space.Kind.HALL, Space.Kind.STORAGE]),
        to_field_name="slug",
    )
    seen = forms.CharField(
        label=_("Accession numbers seen (one per line, or scanned)"), widget=forms.Textarea, required=False
    )

    def clean_seen(self):
        return [n.strip() for n in self.cleaned_data["seen"].splitlines() if n.strip()]

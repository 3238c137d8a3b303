"""Staff forms: parse and validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.collection.conf import IMAGE_MAX_BYTES
from shanyraq.collection.models import Artifact, ConditionCheck, Movement
from shanyraq.core.language_tabs import LanguageTabsMixin, add_language_tabs
from shanyraq.spaces.models import Space


class DateInput(forms.DateInput):
    """A browser date picker: its value must be ISO 8601 whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


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
        label=pgettext_lazy("location", "Move to"),
        queryset=Space.objects.filter(kind__in=[Space.Kind.HALL, Space.Kind.STORAGE]),
        to_field_name="slug",
    )
    location_detail = forms.CharField(label=_("Case or shelf"), max_length=120, required=False)
    reason = forms.ChoiceField(label=_("Reason"), choices=Movement.Reason.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (dry run)"), required=False, initial=True)


def _accession_list(text: str) -> list[Artifact]:
    """Artifacts for a list of accession numbers (one per line, duplicates ignored), or an error."""
    numbers = list(dict.fromkeys(n.strip() for n in text.splitlines() if n.strip()))
    if not numbers:
        raise forms.ValidationError(_("Give at least one accession number."))
    found = {a.accession_number: a for a in Artifact.objects.filter(accession_number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise forms.ValidationError(
            _("Unknown accession numbers: %(numbers)s") % {"numbers": ", ".join(missing)}
        )
    return [found[n] for n in numbers]


class LoanAgreementForm(forms.Form):
    """The fields loans in and loans out share; the services check dates and agreement numbers."""

    agreement_number = forms.CharField(label=_("Agreement number"), max_length=80)
    accession_numbers = forms.CharField(label=_("Accession numbers (one per line)"), widget=forms.Textarea)
    insurance_value = forms.DecimalField(
        label=_("Insurance value"), max_digits=14, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("Due back"), widget=DateInput())
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea, required=False)

    def clean_agreement_number(self):
        return self.cleaned_data["agreement_number"].strip()

    def clean_accession_numbers(self):
        return _accession_list(self.cleaned_data["accession_numbers"])

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
            raise forms.ValidationError(_("Write the currency as three letters, for example USD or CNY."))
        return currency

    def agreement(self) -> dict:
        """The cleaned fields as the keyword arguments of loan_in_create / loan_out_create."""
        data = dict(self.cleaned_data)
        data["artifacts"] = data.pop("accession_numbers")
        return data


class LoanInForm(LoanAgreementForm):
    lender = forms.CharField(label=_("Lender institution"), max_length=300)
    field_order = ["lender"]


class LoanOutForm(LoanAgreementForm):
    borrower = forms.CharField(label=_("Borrower institution"), max_length=300)
    venue = forms.CharField(label=_("Venue (exhibition and city)"), max_length=300, required=False)
    field_order = ["borrower", "venue"]


class LoanOutReturnForm(forms.Form):
    space = forms.ModelChoiceField(
        label=_("Back to"),
        queryset=Space.objects.filter(kind__in=[Space.Kind.HALL, Space.Kind.STORAGE]),
        to_field_name="slug",
    )
    location_detail = forms.CharField(label=_("Case or shelf"), max_length=120, required=False)
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput())


# The texts an artifact has in each language, in the order the curator fills them.
TRANSLATED_TEXTS = {
    "title": (_("Title"), forms.CharField, {"max_length": 300}),
    "object_name": (_("Object name"), forms.CharField, {"max_length": 200}),
    "display_date": (_("Date as shown"), forms.CharField, {"max_length": 120}),
    "description": (_("Description"), forms.CharField, {"widget": forms.Textarea(attrs={"rows": 4})}),
    "label_text": (_("Label"), forms.CharField, {"widget": forms.Textarea(attrs={"rows": 3})}),
}


class ArtifactForm(LanguageTabsMixin, forms.Form):
    """Create or edit an artifact's record on one page, its texts on one tab per language.

    A title in any one language is enough to save (a draft stays unpublished until the curator
    ticks Published); the public page shows a missing language's text in another language,
    marked as such. Location and status are not here: they change through procedures."""

    accession_number = forms.CharField(
        label=_("Accession number"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to take the next number."),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, required=False)
    period = forms.ModelChoiceField(label=_("Period"), queryset=None, required=False)
    earliest_year = forms.IntegerField(
        label=_("Earliest year"), required=False, min_value=-10000, max_value=3000
    )
    latest_year = forms.IntegerField(label=_("Latest year"), required=False, min_value=-10000, max_value=3000)
    published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args, creating: bool = False, **kwargs):
        from shanyraq.collection.models import Term

        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["accession_number"]
        self.fields["category"].queryset = Term.objects.filter(vocabulary=Term.Vocabulary.CATEGORY)
        self.fields["period"].queryset = Term.objects.filter(vocabulary=Term.Vocabulary.PERIOD)
        add_language_tabs(self, TRANSLATED_TEXTS)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{suffix}") for suffix in ("zh_hans", "en", "kk", "ru")):
            raise forms.ValidationError(_("Give a title in at least one language."))
        return data

    def record_fields(self) -> dict:
        """The cleaned values the services take (accession number apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "accession_number"}


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


MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImageFilesField(forms.FileField):
    """Several image files; sizes are checked here so an oversized file is never read into memory.

    The content (a real JPEG, PNG, WebP or TIFF) is checked by the images service.
    """

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/tiff"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(_("Choose at least one image file."))
            return []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Upload at most %(count)s files at a time.") % {"count": MAX_FILES})
        errors = []
        for f in files:
            if f.size > IMAGE_MAX_BYTES:
                errors.append(
                    _("%(file)s: The image is larger than 10 MB (%(size)s).")
                    % {"file": f.name, "size": filesizeformat(f.size)}
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


def read_files(files) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in files]


class ConditionCheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput())
    checked_by = StaffChoiceField(
        label=_("Checked by"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username"),
    )
    grade = forms.ChoiceField(label=_("Condition"), choices=ConditionCheck.Grade.choices)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)
    images = ImageFilesField(label=_("Photographs (optional)"), required=False)

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A condition check cannot be dated in the future."))
        return day


class ImageTextForm(forms.Form):
    """What visitors read about an image, in the four languages: alt text and caption (credit)."""

    alt_zh_hans = forms.CharField(label=_("Alternative text (Chinese)"), max_length=300, required=False)
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=300, required=False)
    alt_kk = forms.CharField(label=_("Alternative text (Kazakh)"), max_length=300, required=False)
    alt_ru = forms.CharField(label=_("Alternative text (Russian)"), max_length=300, required=False)
    credit_zh_hans = forms.CharField(label=_("Caption or credit (Chinese)"), max_length=300, required=False)
    credit_en = forms.CharField(label=_("Caption or credit (English)"), max_length=300, required=False)
    credit_kk = forms.CharField(label=_("Caption or credit (Kazakh)"), max_length=300, required=False)
    credit_ru = forms.CharField(label=_("Caption or credit (Russian)"), max_length=300, required=False)

    def texts(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k.startswith(("alt_", "credit_"))}


class ImageUploadForm(ImageTextForm):
    images = ImageFilesField(label=_("Image files (JPEG, PNG, WebP or TIFF, at most 10 MB each)"))
    primary = forms.BooleanField(label=_("Make the first one the primary image"), required=False)
    field_order = ["images", "primary"]

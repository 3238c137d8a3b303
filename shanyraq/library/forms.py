from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.core.languages import LanguageSelect
from shanyraq.library.models import Patron, Record


class ImportForm(forms.Form):
    file = forms.FileField(label=_("MARC file (ISO 2709, MARCXML or MARC-in-JSON)"))
    dry_run = forms.BooleanField(
        label=_("Dry run: only report, change nothing"), required=False, initial=True
    )
    merge = forms.BooleanField(label=_("Merge duplicates into the existing records"), required=False)


class RecordForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("bibliographic", "Title"), max_length=500)
    title_romanized = forms.CharField(label=_("Romanized title"), max_length=500, required=False)
    subtitle = forms.CharField(label=_("Subtitle"), max_length=500, required=False)
    responsibility = forms.CharField(label=_("Statement of responsibility"), max_length=500, required=False)
    authors = forms.CharField(
        label=_("Authors (one per line)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    edition = forms.CharField(label=_("Edition"), max_length=200, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=300, required=False)
    place = forms.CharField(label=_("Place of publication"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1000, max_value=2100, required=False)
    language = forms.CharField(label=_("Language (ISO 639-2, e.g. kaz)"), max_length=3, required=False)
    isbn = forms.CharField(label=_("ISBN"), max_length=20, required=False)
    series = forms.CharField(label=_("Series"), max_length=300, required=False)
    physical_description = forms.CharField(label=_("Physical description"), max_length=300, required=False)
    subjects_text = forms.CharField(
        label=_("Subjects (one per line)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    notes = forms.CharField(
        label=pgettext_lazy("bibliographic", "Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    format = forms.ChoiceField(label=_("Format"), choices=Record.Format.choices, initial="book")

    @classmethod
    def initial_for(cls, record: Record) -> dict:
        data = {name: getattr(record, name, "") for name in cls.base_fields if hasattr(record, name)}
        data["isbn"] = record.isbn13
        data["authors"] = "\n".join(c.name for c in record.contributors.all())
        data["subjects_text"] = "\n".join(s.heading for s in record.subjects.all())
        return data


class PatronForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=[], widget=LanguageSelect)
    barcode = forms.CharField(label=_("Card barcode"), max_length=40)
    category = forms.ChoiceField(label=_("Category"), choices=Patron.Category.choices)
    guardian_card = forms.CharField(
        label=_("Guardian's card barcode (for a child)"), max_length=40, required=False
    )
    birth_date = forms.DateField(
        label=_("Birth date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pin = forms.CharField(
        label=_("PIN or password for signing in (optional)"),
        help_text=_("The reader signs in with the card number or e-mail and this PIN (4 digits or more)."),
        required=False,
        max_length=128,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES

"""The sign-up and preferences forms (the footer's form is the sign-up form)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.core.languages import LanguageSelect
from shanyraq.newsletter.models import Topic

# What the visitor is shown and agrees to; stored word for word in the consent record.
CONSENT_TEXT = _(
    "Send me the center's newsletter by e-mail in the language and on the topics I chose. "
    "I can change them or unsubscribe with one click from every e-mail."
)


def language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    language = forms.ChoiceField(
        label=pgettext_lazy("newsletter", "Language of the newsletter"), choices=(), widget=LanguageSelect
    )
    topics = forms.MultipleChoiceField(
        label=pgettext_lazy("newsletter", "Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(label=_("Leave this empty"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=pgettext_lazy("newsletter", "Language of the newsletter"), choices=(), widget=LanguageSelect
    )
    topics = forms.MultipleChoiceField(
        label=pgettext_lazy("newsletter", "Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    paused = forms.BooleanField(label=_("Pause the newsletter for now"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class MailingForm(forms.ModelForm):
    """One edition: a subject and a body per language, who gets it, what to do with a missing language."""

    topics = forms.MultipleChoiceField(
        label=pgettext_lazy("mailing", "For readers of"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: every confirmed subscriber."),
    )

    class Meta:
        from shanyraq.newsletter.models import Mailing

        model = Mailing
        fields = ["title"]
        for code, _name in settings.LANGUAGES:
            suffix = code.replace("-", "_")
            fields += [f"subject_{suffix}", f"body_{suffix}"]
        fields += ["topics", "missing"]
        widgets = {f: forms.Textarea(attrs={"rows": 12}) for f in fields if f.startswith("body_")}

    def language_fields(self):
        return [
            (code, name, self[f"subject_{code.replace('-', '_')}"], self[f"body_{code.replace('-', '_')}"])
            for code, name in settings.LANGUAGES
        ]


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=pgettext_lazy("mailing", "Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file (columns: email, language, topics)"))
    language = forms.ChoiceField(
        label=_("Language when the file gives none"), choices=(), widget=LanguageSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()

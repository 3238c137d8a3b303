"""The sign-up and preferences forms (the footer's form is the sign-up form)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    language = forms.ChoiceField(label=pgettext_lazy("newsletter", "Language of the newsletter"), choices=())
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
    language = forms.ChoiceField(label=pgettext_lazy("newsletter", "Language of the newsletter"), choices=())
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

"""The newsletter tick box on other modules' forms (program registration, youth-exchange
membership): ticking it asks the newsletter to send its confirmation e-mail (double opt-in);
nobody is ever subscribed by the form itself. Modules call this instead of importing the
newsletter, which can be switched off (`NEWSLETTER_OPTIN_HOOK = ""`)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from shanyraq.core import languages

DEFAULT_HOOK = "shanyraq.newsletter.services.subscribers.optin_from_form"


def optin_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Also send me the center's newsletter (you will get an e-mail to confirm)."), required=False
    )


def newsletter_optin(form: forms.Form, *, email_field: str = "email") -> None:
    """Hand a ticked box to the newsletter's hook, in the page's language, with the text shown."""
    hook = getattr(settings, "NEWSLETTER_OPTIN_HOOK", DEFAULT_HOOK)
    email = form.cleaned_data.get(email_field)
    if hook and email and form.cleaned_data.get("newsletter"):
        import_string(hook)(
            email=email, language=languages.current(), text_shown=str(form.fields["newsletter"].label)
        )

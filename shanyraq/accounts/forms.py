"""Sign-in forms. Labels and errors are ours, so they read the same in four languages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

IDENTIFIER_MAX_LENGTH = 254  # an e-mail address can be this long


class SignInForm(AuthenticationForm):
    """Username, e-mail or library card number, and the password."""

    identifier_label = _("Username, e-mail or card number")
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That sign-in name and password do not match. Check them and try again."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.label = self.identifier_label
        field.max_length = IDENTIFIER_MAX_LENGTH
        field.widget.attrs.update({"maxlength": IDENTIFIER_MAX_LENGTH, "autocomplete": "username"})


class PatronSignInForm(SignInForm):
    identifier_label = _("Card number or e-mail")


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

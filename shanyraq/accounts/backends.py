"""One authentication backend for every sign-in form (staff, library, back office)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from shanyraq.accounts.identifiers import resolve


class SignInBackend(ModelBackend):
    """Finds the login by username, e-mail or card number (accounts.identifiers), then checks the
    password. An unknown identifier costs one password hash too, so timing does not tell which
    identifiers exist; a locked-out one never reaches here (axes refuses it first)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = resolve(username)
        if user is None:
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

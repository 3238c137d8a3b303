"""Which login a sign-in identifier names: a username, an e-mail address, or a number another
module knows people by (a library card).

A module contributes with `<app>/signin.py` defining `user_for_identifier(identifier) -> User |
None`; it receives the identifier already normalized. Matching tolerates case, surrounding and
doubled whitespace and full-width characters (a Chinese input method types Ｐ０００００１).
An identifier that names two logins (one e-mail address on two accounts) names none.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model

from shanyraq.people.models import Person


def normalize(identifier: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", identifier or "").split())


@cache
def _contributed() -> tuple[Callable, ...]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("shanyraq.") or config.name == "shanyraq.accounts":
            continue
        try:
            module = import_module(f"{config.name}.signin")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.signin":
                raise
            continue
        found.append(module.user_for_identifier)
    return tuple(found)


def _only(users) -> object | None:
    users = list(users[:2])
    return users[0] if len(users) == 1 else None


def user_by_email(address: str):
    """The one login whose person (or, for a login without a person, whose account) has this address."""
    User = get_user_model()
    ids = set(
        Person.objects.filter(email__iexact=address, user__isnull=False).values_list("user_id", flat=True)
    )
    ids |= set(User.objects.filter(email__iexact=address, person__isnull=True).values_list("pk", flat=True))
    return User.objects.get(pk=ids.pop()) if len(ids) == 1 else None


def resolve(identifier: str | None):
    """The login `identifier` names, or None."""
    text = normalize(identifier)
    if not text:
        return None
    if "@" in text:
        return user_by_email(text)
    User = get_user_model()
    user = User.objects.filter(username=text).first()
    if user is not None:
        return user
    for lookup in _contributed():
        user = lookup(text)
        if user is not None:
            return user
    return _only(User.objects.filter(username__iexact=text))

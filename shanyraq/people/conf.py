"""Settings of the people module, overridable in Django settings."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

# What `people.services.person_erase` calls, in order, inside its transaction and before the
# Person itself is erased (so `person.email` and the names are still readable). Each hook is
# `hook(*, person, actor) -> Iterable[str]`: it erases or anonymizes what its app stores about
# the person (raising ValidationError refuses the whole erasure) and returns any further texts
# that identified the person there, so the audit trail and admin history are cleared of them too.
# A module that stores personal data adds its hook here (or settings.PEOPLE_ERASURE_HOOKS).
DEFAULT_ERASURE_HOOKS = [
    "shanyraq.library.services.privacy.person_forget",
    "shanyraq.programs.services.privacy.person_forget",
    "shanyraq.spaces.services.person_forget",
    "shanyraq.newsletter.services.subscribers.person_forget",  # before the outbox's: it writes there
    "shanyraq.exchange.services.privacy.person_forget",
    "shanyraq.mail.services.person_forget",  # the outbox: outbox_erase_for(person.email)
    "shanyraq.accounts.services.person_forget",  # sign-in lockouts and authenticators
]


def erasure_hooks() -> list[Callable]:
    return [import_string(path) for path in getattr(settings, "PEOPLE_ERASURE_HOOKS", DEFAULT_ERASURE_HOOKS)]

"""Absolute links for e-mails, QR labels, MARC 856, Dublin Core, ICS and permalinks.

Every one starts at settings.SITE_URL (which follows PORT unless set) and carries the language
prefix of the page it points to, so following it never costs a redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shanyraq.core import languages


def site_url(lang: str | None = None) -> str:
    """SITE_URL with a language prefix: `http://host/kk` (the active language when none is given)."""
    return f"{settings.SITE_URL}/{languages.normalize(lang) or languages.current()}"


def absolute_reverse(name: str, *, lang: str | None = None, **kwargs) -> str:
    """The absolute URL of a page inside the language prefix, in `lang` (or the active language)."""
    with translation.override(languages.normalize(lang) or languages.current()):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)

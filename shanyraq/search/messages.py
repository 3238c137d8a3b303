"""User-facing messages about search input, kept in the search app's own catalog."""

from __future__ import annotations

from django.utils.translation import gettext as _


def unknown_language(code: str) -> str:
    return _("Unknown language code: %(code)s") % {"code": code}


def unknown_kind(kind: str) -> str:
    # Translators: "kind" is what sort of thing to search: artifact, record, program...
    return _("Unknown kind: %(kind)s. Use one of: %(kinds)s.") % {"kind": kind, "kinds": ", ".join(_kinds())}


def bad_limit(maximum: int) -> str:
    return _("The limit must be between 1 and %(max)s.") % {"max": maximum}


def _kinds() -> list[str]:
    from shanyraq.search.selectors import KINDS

    return KINDS

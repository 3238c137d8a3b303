"""The four languages and how content falls back between them.

Model fields translated by django-modeltranslation get one column per language:
`title_zh_hans`, `title_en`, `title_kk`, `title_ru`. These helpers read them without
modeltranslation's silent fallback, so a page can say *which* language it shows.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language


def codes() -> list[str]:
    """Language codes in display order: zh-hans, en, kk, ru."""
    return [code for code, _name in settings.LANGUAGES]


def field_suffix(code: str) -> str:
    """`zh-hans` -> `zh_hans`: the suffix modeltranslation uses in column names."""
    return code.replace("-", "_")


def normalize(code: str | None) -> str | None:
    """Map a user-supplied language code to one of ours, or None if unknown.

    Accepts the API form (`zh-hans`), the field form (`zh_hans`) and case variants.
    """
    if not code:
        return None
    candidate = code.strip().lower().replace("_", "-")
    return candidate if candidate in codes() else None


def current() -> str:
    return normalize(get_language()) or settings.LANGUAGE_CODE


def fallback_chain(code: str | None = None) -> list[str]:
    """The requested language first, then the configured fallbacks, then the rest."""
    code = normalize(code) or current()
    fallbacks = settings.CONTENT_FALLBACKS.get(code, settings.CONTENT_FALLBACKS["default"])
    chain = [code, *fallbacks, *codes()]
    return list(dict.fromkeys(chain))


def value_in(obj: Any, field: str, code: str) -> str:
    return getattr(obj, f"{field}_{field_suffix(code)}", None) or ""


def translated(obj: Any, field: str, code: str | None = None) -> tuple[str, str]:
    """Return (text, language_of_text) for a translated field, following the fallback chain.

    The language is returned so the template can mark fallback text with its own `lang`.
    Returns ("", requested language) when no language has text.
    """
    chain = fallback_chain(code)
    for lang in chain:
        text = value_in(obj, field, lang)
        if text:
            return text, lang
    return "", chain[0]


def as_dict(obj: Any, field: str) -> dict[str, str]:
    """All four values as `{"zh-hans": ..., "en": ..., "kk": ..., "ru": ...}` (the API shape)."""
    return {code: value_in(obj, field, code) for code in codes()}


def from_dict(values: dict[str, str] | None, field: str) -> dict[str, str]:
    """Turn an API dict into model keyword arguments; raises ValueError on an unknown code."""
    kwargs: dict[str, str] = {}
    for key, text in (values or {}).items():
        if key not in codes():
            raise ValueError(key)
        kwargs[f"{field}_{field_suffix(key)}"] = text or ""
    return kwargs


class LanguageSelect(forms.Select):
    """A choice of our languages, each option named in its own language (Қазақша, English) and
    marked with that `lang`, so screen readers pronounce it and pages stay in the reader's language."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = value
        return option

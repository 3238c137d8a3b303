"""Per-language text fields of a staff form, grouped as one tab per language.

A form lists its translated texts as {field: (label, form field class, options)}; `add_language_tabs`
adds `<field>_<suffix>` fields (each widget marked with its `lang`) and `tab_fields` gives the
template (code, language name, bound fields, has errors) per tab, in the site's language order.
The template and script are collection's (language-tabs.js): one pattern for every editor.
"""

from __future__ import annotations

import copy

from django.conf import settings

from shanyraq.core import languages


def add_language_tabs(form, texts: dict) -> None:
    form.tabs = []
    for code, name in settings.LANGUAGES:
        suffix = languages.field_suffix(code)
        names = []
        for field, (label, kind, options) in texts.items():
            options = dict(options)
            widget = copy.deepcopy(options.pop("widget", None) or kind.widget())
            widget.attrs["lang"] = code
            form.fields[f"{field}_{suffix}"] = kind(label=label, required=False, widget=widget, **options)
            names.append(f"{field}_{suffix}")
        form.tabs.append((code, name, names))


class LanguageTabsMixin:
    def tab_fields(self):
        """(code, language name, bound fields, has errors) per language tab, for the template."""
        for code, name, names in self.tabs:
            bound = [self[n] for n in names]
            yield code, name, bound, any(b.errors for b in bound)

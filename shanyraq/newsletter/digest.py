"""The what's-on digest: coming weeks' sessions, exhibitions and new library records, written as
a draft mailing in each language, for the editor to edit before it goes out.

Each module offers `<app>/digest.py` with `digest_items(*, start, end) -> list[dict]` (keys:
section, title {lang: text}, start, end, url (name, kwargs)); the newsletter finds them the way
the search finds `search_sources`, so it imports no domain module.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps
from django.utils import formats, translation
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.core.links import absolute_reverse

SECTIONS = ["exhibitions", "programs", "library"]


def _headings() -> dict[str, str]:
    return {
        "exhibitions": _("Exhibitions"),
        "programs": _("Programs and courses"),
        "library": _("New in the library"),
    }


def sources():
    for config in apps.get_app_configs():
        if config.name.startswith("shanyraq.") and config.name != "shanyraq.newsletter":
            try:
                yield import_module(f"{config.name}.digest")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.digest":
                    raise


def collect(*, start: dt.date, end: dt.date) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {s: [] for s in SECTIONS}
    for module in sources():
        for item in module.digest_items(start=start, end=end):
            found.setdefault(item["section"], []).append(item)
    return found


def _when(item: dict) -> str:
    start, end = item.get("start"), item.get("end")
    if start is None:
        return ""
    if isinstance(start, dt.datetime):
        return formats.date_format(start.astimezone(), "DATETIME_FORMAT")
    text = formats.date_format(start, "DATE_FORMAT")
    if end:
        text = _("%(start)s to %(end)s") % {"start": text, "end": formats.date_format(end, "DATE_FORMAT")}
    return text


def compose(items: dict[str, list[dict]], language: str, start: dt.date, end: dt.date) -> tuple[str, str]:
    """(subject, body) of the digest in one language; the body uses the mailing body's markup."""
    with translation.override(language):
        subject = _("What's on at the center: %(start)s to %(end)s") % {
            "start": formats.date_format(start, "MONTH_DAY_FORMAT"),
            "end": formats.date_format(end, "MONTH_DAY_FORMAT"),
        }
        blocks = [_("Here is what is coming up in the next weeks. We look forward to seeing you.")]
        headings = _headings()
        for section, entries in items.items():
            if not entries:
                continue
            blocks.append(f"## {headings.get(section, section)}")
            for item in entries:
                title, _lang = _title(item, language)
                name, kwargs = item["url"]
                lines = [title, _when(item), absolute_reverse(name, lang=language, **kwargs)]
                blocks.append("\n".join(line for line in lines if line))
    return subject, "\n\n".join(blocks)


def _title(item: dict, language: str) -> tuple[str, str]:
    for code in languages.fallback_chain(language):
        if item["title"].get(code):
            return item["title"][code], code
    return "", language

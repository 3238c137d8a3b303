"""Find and compile the gettext catalogs without GNU gettext.

`make run` must work on a machine with only Python, so .po files are compiled with polib
instead of msgfmt. Each app keeps its own catalog in `<app>/locale/` (so teams never edit
the same file); the project-wide one lives in `locale/`.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings


def catalog_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        if config.name.startswith("shanyraq."):
            dirs.append(Path(config.path) / "locale")
    return [d for d in dirs if d.is_dir()]


def po_files() -> list[Path]:
    return sorted(p for d in catalog_dirs() for p in d.glob("*/LC_MESSAGES/*.po"))


def problems(path: Path) -> list[str]:
    """Untranslated, fuzzy or obsolete-but-active entries, as readable lines."""
    po = polib.pofile(str(path))
    out = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            out.append(f"{path}: fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                out.append(f"{path}: untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            out.append(f"{path}: untranslated: {entry.msgid!r}")
    return out


def compile_all() -> int:
    count = 0
    for path in po_files():
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
        count += 1
    return count


def disagreements() -> list[str]:
    """(context, msgid) pairs that two catalogs translate differently in one language.

    Django merges every app's catalog and the first app's translation wins, so two apps that
    translate the same (context, msgid) differently show one of them on the other's pages
    ("Check in" read 还书, return books, at the programs' door). A word with two meanings gets a
    context (`pgettext("circulation", "Check in")`); a word with one meaning gets one wording.
    """
    seen: dict[tuple[str, str | None, str], dict[str, list[str]]] = {}
    for path in po_files():
        lang, owner = path.parents[1].name, path.parents[3].name
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            text = entry.msgstr or " | ".join(v for _k, v in sorted(entry.msgstr_plural.items()))
            seen.setdefault((lang, entry.msgctxt, entry.msgid), {}).setdefault(text, []).append(owner)
    return [
        f"{lang} {ctx or '-'} {msgid!r}: "
        + "; ".join(f"{text!r} in {', '.join(owners)}" for text, owners in sorted(wordings.items()))
        for (lang, ctx, msgid), wordings in sorted(
            seen.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])
        )
        if len(wordings) > 1
    ]

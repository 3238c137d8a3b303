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

"""Every UI string is translated in zh-Hans, kk and ru; nothing fuzzy."""

from pathlib import Path

import polib
import pytest

from shanyraq.core.catalogs import po_files, problems

LANGS = {"zh_Hans", "kk", "ru"}


def test_every_app_with_ui_strings_has_all_three_catalogs():
    by_dir: dict[Path, set[str]] = {}
    for path in po_files():
        by_dir.setdefault(path.parents[2], set()).add(path.parents[1].name)
    assert by_dir, "no catalogs found"
    for locale_dir, langs in by_dir.items():
        assert langs == LANGS, f"{locale_dir} has {sorted(langs)}"


@pytest.mark.parametrize("path", po_files(), ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}")
def test_catalog_has_no_untranslated_or_fuzzy_entry(path):
    assert problems(path) == []


@pytest.mark.parametrize("path", po_files(), ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}")
def test_catalog_keeps_named_placeholders(path):
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        wanted = set(placeholder.findall(entry.msgid))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                got = set(placeholder.findall(text))
                assert got <= wanted | set(placeholder.findall(entry.msgid_plural or "")), (path, entry.msgid)
                assert wanted - {"counter"} <= got, (path, entry.msgid)

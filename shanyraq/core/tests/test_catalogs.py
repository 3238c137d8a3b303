"""Every UI string is translated in zh-Hans, kk and ru; nothing fuzzy."""

from pathlib import Path

import polib
import pytest

from shanyraq.core.catalogs import disagreements, po_files, problems

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


def test_no_two_catalogs_translate_one_context_and_msgid_differently():
    """Django merges the catalogs and the first app wins: a shared word needs one wording or a context."""
    assert disagreements() == []


def test_disagreement_is_found_across_two_apps_catalogs(tmp_path, settings):
    for app, text in [("a", "还书"), ("b", "签到")]:
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Check in", msgstr=text))
        po.append(polib.POEntry(msgctxt="door", msgid="Check in", msgstr="签到"))
        target = tmp_path / app / "locale" / "zh_Hans" / "LC_MESSAGES"
        target.mkdir(parents=True)
        po.save(str(target / "django.po"))
    settings.LOCALE_PATHS = [tmp_path / "a" / "locale", tmp_path / "b" / "locale"]
    assert disagreements() == ["zh_Hans - 'Check in': '签到' in b; '还书' in a"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "door", "desk"),
    [
        ("zh-hans", "签到", "还书"),
        ("ru", "Отметить вход", "Приём книг"),
        ("kk", "Кіруді белгілеу", "Қабылдау"),
    ],
)
def test_check_in_means_the_door_on_the_door_page_and_returns_at_the_library_desk(
    staff_client, lang, door, desk
):
    """The word the review found: the door's button read 还书 (return books) in Chinese."""
    client = staff_client("front_desk")  # may use both the door and the library desk
    page = client.get(f"/{lang}/staff/programs/checkin/").content.decode()
    assert f'<button type="submit">{door}</button>' in page
    assert desk not in page.split("<main")[1]  # the staff menu may list the library desk
    library = client.get(f"/{lang}/staff/library/desk/checkin/").content.decode()
    assert f"<h1>{desk}</h1>" in library

"""Backup and restore services: the archive's shape, its checksums, and every refusal."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from shanyraq.backups.selectors import backups_list
from shanyraq.backups.services import BackupError, backup_create, backup_restore, install_contents
from shanyraq.people.models import Person
from shanyraq.people.services import person_create

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
DATABASE = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"


@pytest.fixture
def dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    (tmp_path / "media" / "library" / "covers").mkdir(parents=True)
    (tmp_path / "media" / "library" / "covers" / "a.png").write_bytes(b"\x89PNG cover bytes")
    (tmp_path / "media" / "notes.txt").write_text("Домбыра 冬不拉")
    return tmp_path


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def rewrite(archive: Path, *, contents=None, manifest=None) -> None:
    """Rebuild an archive with changed members or manifest, and a checksum file that matches."""
    found = members(archive)
    data = json.loads(found.pop("manifest.json"))
    found = contents(found) if contents else found
    data = manifest(data) if manifest else data
    found["manifest.json"] = json.dumps(data).encode()
    with tarfile.open(archive, "w:gz") as tar:
        for name, content in found.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    archive.with_name(archive.name + ".sha256").write_text(f"{digest}  {archive.name}\n")


@pytest.mark.django_db
def test_backup_writes_one_dated_archive_with_its_checksum_file_and_manifest(dirs):
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, 0, 0, tzinfo=BEIJING), tick=False):
        backup = backup_create()

    assert backup.path == dirs / "backups" / "shanyraq-20261208T020000Z.tar.gz"
    assert [b.path for b in backups_list()] == [backup.path]
    digest = hashlib.sha256(backup.path.read_bytes()).hexdigest()
    assert backup.checksum_path.read_text() == f"{digest}  shanyraq-20261208T020000Z.tar.gz\n"
    assert (backup.path.stat().st_mode & 0o777, (dirs / "backups").stat().st_mode & 0o777) == (0o600, 0o700)
    found = members(backup.path)
    assert list(found) == [DATABASE, "media/notes.txt", "media/library/covers/a.png", "manifest.json"]
    manifest = json.loads(found["manifest.json"])
    assert manifest["created_at"] == "2026-12-08T02:00:00+00:00"
    assert manifest["engine"] == connection.vendor
    assert "people.0001_initial" in manifest["migrations"]
    assert manifest["members"] == {
        name: {"sha256": hashlib.sha256(found[name]).hexdigest(), "size": len(found[name])}
        for name in [DATABASE, "media/library/covers/a.png", "media/notes.txt"]
    }
    assert not list((dirs / "backups").glob(".partial-*"))


@pytest.mark.django_db
def test_a_second_backup_in_the_same_second_is_refused(dirs):
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, 0, 0, tzinfo=BEIJING), tick=False):
        backup_create()
        with pytest.raises(BackupError, match="shanyraq-20261208T020000Z.tar.gz already exists"):
            backup_create()


@pytest.mark.django_db
def test_a_freshly_migrated_install_counts_as_empty(dirs, tmp_path):
    assert install_contents(media_root=tmp_path / "no-media") == []
    assert install_contents() == [f"media files in {dirs / 'media'}"]
    person_create(name="Someone")
    assert install_contents(media_root=tmp_path / "no-media") == ["core_auditevent", "people_person"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_that_does_not_match_its_checksum_file(dirs, clock):
    person_create(name="Kept")
    backup = backup_create()
    data = bytearray(backup.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.path.write_bytes(bytes(data))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup.path), "--force")

    assert str(refused.value) == (
        f"{backup.path.name} does not match its checksum in {backup.path.name}.sha256: the archive is "
        "damaged or was changed. Nothing was restored; use another archive."
    )
    assert list(Person.objects.values_list("name", flat=True)) == ["Kept"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_whose_member_differs_from_the_manifest(dirs, clock):
    backup = backup_create()
    rewrite(backup.path, contents=lambda found: {**found, "media/notes.txt": b"changed"})

    with pytest.raises(BackupError, match=r"checksum mismatch for \['media/notes.txt'\]"):
        backup_restore(backup.path, force=True)
    assert (dirs / "media" / "notes.txt").read_text() == "Домбыра 冬不拉"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_truncated_archive_without_a_checksum_file(dirs, clock):
    backup = backup_create()
    backup.checksum_path.unlink()
    backup.path.write_bytes(backup.path.read_bytes()[:-2000])

    with pytest.raises(BackupError, match=f"^{backup.path.name} cannot be read: .*Nothing was restored."):
        backup_restore(backup.path, force=True)
    assert sorted(p.name for p in (dirs / "media").iterdir()) == ["library", "notes.txt"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name, message",
    [
        ("media/../../escaped.txt", "unsafe path 'media/../../escaped.txt'"),
        ("/etc/escaped.txt", "unsafe path '/etc/escaped.txt'"),
        ("settings.py", "unexpected member 'settings.py'"),
    ],
)
def test_restore_refuses_a_member_outside_the_media_folder(dirs, clock, name, message):
    backup = backup_create()
    rewrite(backup.path, contents=lambda found: {**found, name: b"x"})

    with pytest.raises(BackupError, match=message.replace(".", r"\.")):
        backup_restore(backup.path, force=True)
    assert not (dirs / "escaped.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_made_by_a_newer_version(dirs, clock):
    backup = backup_create()
    rewrite(backup.path, manifest=lambda m: {**m, "migrations": [*m["migrations"], "people.9999_future"]})

    with pytest.raises(BackupError, match=r"newer version \(unknown migrations \['people.9999_future'\]\)"):
        backup_restore(backup.path, force=True)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_of_the_other_database_engine(dirs, clock):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    backup = backup_create()
    rewrite(backup.path, manifest=lambda m: {**m, "engine": other})

    with pytest.raises(BackupError, match=f"holds a {other} database; this install uses {connection.vendor}"):
        backup_restore(backup.path, force=True)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_install_without_force(dirs, clock):
    person_create(name="Kept")
    backup = backup_create()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup.path))

    assert str(refused.value).startswith("This install is not empty (")
    assert "people_person" in str(refused.value)
    assert str(refused.value).endswith(
        "Restore into a fresh install, or pass --force to replace everything here."
    )


@pytest.mark.django_db(transaction=True)
def test_restore_with_force_brings_back_exactly_the_backed_up_rows_and_files(dirs, clock):
    person_create(name="Before the backup")
    backup = backup_create()
    Person.objects.all().delete()
    person_create(name="After the backup")
    (dirs / "media" / "notes.txt").write_text("overwritten")
    (dirs / "media" / "library" / "covers" / "new.png").write_bytes(b"new")

    out = io.StringIO()
    call_command("restore", str(backup.path), "--force", stdout=out)

    assert out.getvalue().splitlines() == [
        f"restored: {backup.path.name} (made {backup.created_at.isoformat()}, {connection.vendor}), 2 media file(s)"
    ]
    assert list(Person.objects.values_list("name", flat=True)) == ["Before the backup"]
    assert sorted(
        p.relative_to(dirs / "media").as_posix() for p in (dirs / "media").rglob("*") if p.is_file()
    ) == [
        "library/covers/a.png",
        "notes.txt",
    ]
    assert (dirs / "media" / "notes.txt").read_text() == "Домбыра 冬不拉"
    assert (
        person_create(name="Written after the restore").pk > Person.objects.get(name="Before the backup").pk
    )


@pytest.mark.django_db
def test_restore_refuses_a_tar_archive_that_is_no_shanyraq_backup(dirs):
    archive = dirs / "shanyraq-20261208T020000Z.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("media/photo.jpg")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"jpg"))

    with pytest.raises(BackupError, match="has no readable manifest; it is not a Shanyraq backup"):
        backup_restore(archive, force=True)
    assert sorted(p.name for p in (dirs / "media").iterdir()) == ["library", "notes.txt"]

"""Back up the database and the media files into one checked archive, restore one, expire old ones.

An archive `shanyraq-YYYYmmddTHHMMSSZ.tar.gz` holds `database.sqlite3` (SQLite) or
`database.pgdump` (PostgreSQL, pg_dump's custom format), `media/...` and, last, `manifest.json`
with the SHA-256 of every other member. `<archive>.sha256` beside it (the `sha256sum -c` format)
covers the archive as a whole. docs/backups.md is the operator's guide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from shanyraq.backups import conf, engines
from shanyraq.backups.selectors import Backup, archive_name, backups_list, checksum_path

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
PARTIAL_PREFIX = ".partial-"
STAGING_PREFIX = ".restore-"
CHUNK = 1024 * 1024
STALE_PARTIAL = dt.timedelta(days=1)


class BackupError(Exception):
    """A backup or a restore refused or failed; nothing was changed. Operators read the message."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hands a file to tarfile while hashing exactly the bytes that go into the archive."""

    def __init__(self, source: BinaryIO):
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, path: Path, arcname: str) -> dict[str, object]:
    with open(path, "rb") as source:
        info = tar.gettarinfo(arcname=arcname, fileobj=source)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(source)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    """(path, path relative to MEDIA_ROOT in POSIX form) of every regular file, sorted; symbolic
    links, a restore's staging folder and a backup directory inside MEDIA_ROOT are left out."""
    if not media_root.is_dir():
        return
    skip = {conf.backup_dir().resolve()}
    for folder, dirs, files in os.walk(media_root):
        base = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(STAGING_PREFIX)
            and not (base / d).is_symlink()
            and (base / d).resolve() not in skip
        )
        for name in sorted(files):
            path = base / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def applied_migrations(using: str) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup_create(
    *, using: str = "default", directory: Path | None = None, now: dt.datetime | None = None
) -> Backup:
    """Write the database and the media files into one dated archive with its checksums."""
    directory = directory or conf.backup_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)  # archives hold personal data
    created_at = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)
    final = directory / archive_name(created_at)
    if final.exists():
        raise BackupError(f"{final} already exists; wait a second and try again.")
    connection = connections[using]
    engine = engines.for_vendor(connection.vendor)
    media_root = Path(settings.MEDIA_ROOT)
    work = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=directory))
    try:
        dump = work / engine.filename
        try:
            engine.dump(connection.settings_dict, dump)
        except engines.EngineError as exc:
            raise BackupError(str(exc))
        members: dict[str, dict[str, object]] = {}
        partial = work / final.name
        with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            members[engine.filename] = _add(tar, dump, engine.filename)
            for path, relative in media_files(media_root):
                try:
                    members[f"{MEDIA}/{relative}"] = _add(tar, path, f"{MEDIA}/{relative}")
                except FileNotFoundError:
                    continue  # deleted by the server since the listing (an image removed meanwhile)
            manifest = {
                "format": FORMAT,
                "created_at": created_at.isoformat(),
                "engine": engine.name,
                "database": engine.filename,
                "migrations": applied_migrations(using),
                "members": members,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(created_at.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
        with open(partial, "rb+") as written:
            os.fsync(written.fileno())
        checksum = work / "checksum"
        checksum.write_text(f"{_sha256_file(partial)}  {final.name}\n")
        for path in (partial, checksum):
            path.chmod(0o600)
        os.replace(checksum, checksum_path(final))
        os.replace(partial, final)  # the archive appears only once it and its checksum are whole
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Backup(path=final, created_at=created_at)


def checksum_verify(archive: Path) -> bool:
    """Compare the archive with its `.sha256` file; False when there is no such file."""
    sidecar = checksum_path(archive)
    if not sidecar.is_file():
        return False
    words = sidecar.read_text().split()
    expected = words[0].lower() if words else ""
    if _sha256_file(archive) != expected:
        raise BackupError(
            f"{archive.name} does not match its checksum in {sidecar.name}: the archive is damaged "
            "or was changed. Nothing was restored; use another archive."
        )
    return True


def _member_path(name: str, database: set[str]) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"the archive holds an unsafe path {name!r}; refusing it.")
    if name in database or (path.parts[0] == MEDIA and len(path.parts) > 1):
        return path
    raise BackupError(f"the archive holds an unexpected member {name!r}; refusing it.")


def _unpack(archive: Path, staging: Path) -> dict:
    """Unpack into the staging folder, hashing every member, then check them all against the
    manifest: a damaged or altered archive is refused before anything live is touched."""
    database_names = {engine.filename for engine in engines.ENGINES.values()}
    found: dict[str, str] = {}
    manifest = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(f"the archive holds {member.name!r}, which is not a file; refusing it.")
                source = tar.extractfile(member)
                assert source is not None  # a regular file always has content
                if member.name == MANIFEST:
                    manifest = json.loads(source.read())
                    continue
                path = _member_path(member.name, database_names)
                target = staging.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                os.utime(target, (member.mtime, member.mtime))
                found[member.name] = digest.hexdigest()
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as exc:
        raise BackupError(f"{archive.name} cannot be read: {exc}. Nothing was restored.")
    try:
        if manifest["format"] != FORMAT:
            raise BackupError(f"{archive.name} has a manifest of format {manifest['format']}, not {FORMAT}.")
        expected = {name: entry["sha256"] for name, entry in manifest["members"].items()}
        manifest["engine"], manifest["database"], manifest["migrations"], manifest["created_at"]  # noqa: B018
    except (TypeError, KeyError, AttributeError):
        raise BackupError(f"{archive.name} has no readable manifest; it is not a Shanyraq backup.")
    missing, extra = sorted(expected.keys() - found.keys()), sorted(found.keys() - expected.keys())
    if missing or extra:
        raise BackupError(
            f"{archive.name} does not match its manifest (missing {missing[:5]}, extra {extra[:5]})."
        )
    altered = sorted(name for name in expected if expected[name] != found[name])
    if altered:
        raise BackupError(f"{archive.name}: checksum mismatch for {altered[:5]}; the archive is damaged.")
    return manifest


def install_contents(*, using: str = "default", media_root: Path | None = None) -> list[str]:
    """What a restore would overwrite: tables with rows (besides what `migrate` writes) and media."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in conf.SEEDED_BY_MIGRATE:
            continue
        if meta.db_table in tables and model._default_manager.using(using).exists():
            found.append(meta.db_table)
    if next(media_files(media_root), None) is not None:
        found.append(f"media files in {media_root}")
    return sorted(found)


@dataclass
class Restored:
    archive: Path
    created_at: str
    engine: str
    media_files: int
    checksum_file: bool
    pending_migrations: list[str] = field(default_factory=list)


def backup_restore(
    archive: Path, *, using: str = "default", force: bool = False, media_root: Path | None = None
) -> Restored:
    """Bring this install to the state of the archive: its database and exactly its media files.

    Refuses a non-empty install unless `force`, an archive that fails a checksum, one from the
    other database engine, and one made by a newer version of the code (unknown migrations).
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive}: no such archive.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    has_checksum = checksum_verify(archive)
    if not force and (contents := install_contents(using=using, media_root=media_root)):
        raise BackupError(
            "This install is not empty ("
            + ", ".join(contents[:8])
            + (", ..." if len(contents) > 8 else "")
            + "). "
            "Restore into a fresh install, or pass --force to replace everything here."
        )
    connection = connections[using]
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
    try:
        manifest = _unpack(archive, staging)
        engine = engines.ENGINES.get(manifest["engine"])
        if engine is None or engine.vendor != connection.vendor:
            raise BackupError(
                f"{archive.name} holds a {manifest['engine']} database; this install uses {connection.vendor}."
            )
        on_disk = {
            f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
        }
        unknown = sorted(set(manifest["migrations"]) - on_disk)
        if unknown:
            raise BackupError(
                f"{archive.name} was made by a newer version (unknown migrations {unknown[:5]}); "
                "install that version first."
            )
        dump = staging / manifest["database"]
        try:
            engine.check(dump)
            connection.close()
            engine.load(connection.settings_dict, dump)
        except engines.EngineError as exc:
            raise BackupError(f"{exc}. The database was not changed.")
        connection.close()
        restored = _media_replace(staging / MEDIA, media_root, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Restored(
        archive=archive,
        created_at=manifest["created_at"],
        engine=engine.name,
        media_files=restored,
        checksum_file=has_checksum,
        pending_migrations=sorted(on_disk - set(manifest["migrations"])),
    )


def _media_replace(unpacked: Path, media_root: Path, staging: Path) -> int:
    """Move the unpacked files into MEDIA_ROOT and remove every other file there."""
    keep = set()
    if unpacked.is_dir():
        for path, relative in media_files(unpacked):
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            keep.add(relative)
    for path, relative in list(media_files(media_root)):
        if relative not in keep and staging not in path.parents:
            path.unlink()
    return len(keep)


def retention_keep(
    backups: list[Backup], *, today: dt.date, keep_daily: int, keep_weekly: int
) -> set[Backup]:
    """The archives to keep: the newest of each of the last `keep_daily` days (today included),
    the newest of each of the last `keep_weekly` ISO weeks (this week included), the newest of all,
    and any dated in the future. Days and weeks are the center's (TIME_ZONE)."""
    keep: set[Backup] = set(backups[:1])
    this_monday = today - dt.timedelta(days=today.weekday())
    days_seen: set[dt.date] = set()
    weeks_seen: set[dt.date] = set()
    for backup in sorted(backups, key=lambda b: b.created_at, reverse=True):
        day = timezone.localdate(backup.created_at)
        monday = day - dt.timedelta(days=day.weekday())
        if day > today:
            keep.add(backup)
            continue
        if (today - day).days < keep_daily and day not in days_seen:
            days_seen.add(day)
            keep.add(backup)
        if (this_monday - monday).days // 7 < keep_weekly and monday not in weeks_seen:
            weeks_seen.add(monday)
            keep.add(backup)
    return keep


def backups_prune(
    *,
    directory: Path | None = None,
    now: dt.datetime | None = None,
    keep_daily: int | None = None,
    keep_weekly: int | None = None,
) -> list[Path]:
    """Delete the archives retention does not keep (with their checksum files) and leftovers of
    interrupted backups; return the deleted archives. This is how erased data leaves backups."""
    directory = directory or conf.backup_dir()
    now = now or timezone.now()
    backups = backups_list(directory)
    keep = retention_keep(
        backups,
        today=timezone.localdate(now),
        keep_daily=conf.keep_daily() if keep_daily is None else keep_daily,
        keep_weekly=conf.keep_weekly() if keep_weekly is None else keep_weekly,
    )
    deleted = []
    for backup in backups:
        if backup not in keep:
            backup.path.unlink(missing_ok=True)
            backup.checksum_path.unlink(missing_ok=True)
            deleted.append(backup.path)
    if directory.is_dir():
        for path in directory.glob(f"{PARTIAL_PREFIX}*"):
            if now.timestamp() - path.stat().st_mtime > STALE_PARTIAL.total_seconds():
                shutil.rmtree(path, ignore_errors=True)
    return sorted(deleted)

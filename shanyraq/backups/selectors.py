"""What backups exist and how old the newest is (for /health, the scheduler and staff)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.backups import conf
from shanyraq.core import when as when_text

ARCHIVE_PATTERN = re.compile(r"^shanyraq-(?P<stamp>\d{8}T\d{6}Z)\.tar\.gz$")
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: dt.datetime  # aware, UTC

    @property
    def checksum_path(self) -> Path:
        return checksum_path(self.path)


def archive_name(created_at: dt.datetime) -> str:
    return f"shanyraq-{created_at.astimezone(dt.UTC).strftime(STAMP_FORMAT)}.tar.gz"


def checksum_path(archive: Path) -> Path:
    """The `sha256sum -c` file beside an archive."""
    return archive.with_name(f"{archive.name}.sha256")


def backups_list(directory: Path | None = None) -> list[Backup]:
    """Every finished archive in the backup directory, newest first (half-written ones have
    another name until they are complete)."""
    directory = directory or conf.backup_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = ARCHIVE_PATTERN.match(path.name)
        if match and path.is_file():
            created_at = dt.datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=dt.UTC)
            found.append(Backup(path=path, created_at=created_at))
    return sorted(found, key=lambda backup: backup.created_at, reverse=True)


def last_backup_at(directory: Path | None = None) -> dt.datetime | None:
    """When the newest archive was made (UTC), or None if there is none."""
    backups = backups_list(directory)
    return backups[0].created_at if backups else None


def last_backup_age(*, now: dt.datetime | None = None, directory: Path | None = None) -> dt.timedelta | None:
    at = last_backup_at(directory)
    return None if at is None else (now or timezone.now()) - at


@dataclass(frozen=True)
class BackupStatus:
    ok: bool
    last_backup_at: dt.datetime | None
    message: str  # in the active language, for staff


def backup_status(*, now: dt.datetime | None = None, directory: Path | None = None) -> BackupStatus:
    """Fine when the newest archive is younger than BACKUP_MAX_AGE_HOURS (26 by default)."""
    now = now or timezone.now()
    at = last_backup_at(directory)
    if at is None:
        return BackupStatus(ok=False, last_backup_at=None, message=_("No backup has been made yet."))
    when = when_text.moment(at, "medium")
    if now - at > conf.max_age():
        message = _("The newest backup was made on %(time)s: the daily backup has not run since.") % {
            "time": when
        }
        return BackupStatus(ok=False, last_backup_at=at, message=message)
    return BackupStatus(
        ok=True, last_backup_at=at, message=_("The newest backup was made on %(time)s.") % {"time": when}
    )

"""Retention: the newest archive of each of the last 7 days and of the last 4 weeks stays, the
rest goes (with its checksum file). The clock is pinned at Tue 2026-12-08 10:00 in Beijing."""

from __future__ import annotations

import datetime as dt
import io
import os
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from shanyraq.backups.selectors import archive_name, backups_list
from shanyraq.backups.services import backups_prune

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=BEIJING)


def at(month: int, day: int, hour: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=BEIJING)


def make(directory, *times: dt.datetime) -> None:
    directory.mkdir(exist_ok=True)
    for time in times:
        (directory / archive_name(time)).write_bytes(b"archive")
        (directory / f"{archive_name(time)}.sha256").write_text("checksum")


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def daily_since(start: dt.date, end: dt.date) -> list[dt.datetime]:
    """One backup at 03:00 in Beijing (19:00 UTC the day before) every day from start to end."""
    return [
        at(1, 1) + dt.timedelta(days=(start - dt.date(2026, 1, 1)).days + n)
        for n in range((end - start).days + 1)
    ]


def test_prune_keeps_the_newest_of_each_of_seven_days_and_four_weeks(backup_dir, pinned):
    make(backup_dir, *daily_since(dt.date(2026, 10, 1), dt.date(2026, 12, 8)), at(12, 8, 9), at(12, 5, 23))

    deleted = backups_prune()

    kept = sorted(path.name for path in backup_dir.iterdir())
    assert kept == [
        name
        for stamp in [
            "20261121T190000Z",  # Sun 22 Nov 03:00: the newest of the week of 16 November
            "20261128T190000Z",  # Sun 29 Nov: the newest of the week of 23 November
            "20261201T190000Z",  # Wed 2 Dec 03:00 ... Mon 7 Dec 03:00: the newest of each of the last 7 days
            "20261202T190000Z",
            "20261203T190000Z",
            "20261205T150000Z",  # Sat 5 Dec 23:00, the newest of that day (not its 03:00 one)
            "20261205T190000Z",
            "20261206T190000Z",
            "20261208T010000Z",  # Tue 8 Dec 09:00, the newest of today (not its 03:00 one)
        ]
        for name in (f"shanyraq-{stamp}.tar.gz", f"shanyraq-{stamp}.tar.gz.sha256")
    ]
    assert len(deleted) == 71 - 9
    assert deleted[0] == backup_dir / "shanyraq-20260930T190000Z.tar.gz"  # Thu 1 Oct 03:00, the oldest
    assert backup_dir / "shanyraq-20261207T190000Z.tar.gz" in deleted  # today's 03:00, superseded at 09:00


def test_prune_never_deletes_the_newest_archive_even_when_backups_stopped_long_ago(backup_dir, pinned):
    make(backup_dir, at(9, 1), at(9, 2))

    assert [path.name for path in backups_prune()] == ["shanyraq-20260831T190000Z.tar.gz"]
    assert [b.path.name for b in backups_list()] == ["shanyraq-20260901T190000Z.tar.gz"]


def test_prune_keeps_archives_dated_in_the_future_and_ignores_other_files(backup_dir, pinned):
    make(backup_dir, at(12, 9), at(11, 1))
    (backup_dir / "notes.txt").write_text("mine")
    (backup_dir / "shanyraq-latest.tar.gz").write_text("not ours to delete")

    assert backups_prune() == [backup_dir / "shanyraq-20261031T190000Z.tar.gz"]
    assert sorted(p.name for p in backup_dir.iterdir()) == [
        "notes.txt",
        "shanyraq-20261208T190000Z.tar.gz",
        "shanyraq-20261208T190000Z.tar.gz.sha256",
        "shanyraq-latest.tar.gz",
    ]


def test_prune_removes_leftovers_of_an_interrupted_backup_after_a_day(backup_dir, pinned):
    make(backup_dir, at(12, 8))
    old, fresh = backup_dir / ".partial-old", backup_dir / ".partial-fresh"
    for folder, age in [(old, dt.timedelta(hours=25)), (fresh, dt.timedelta(hours=2))]:
        folder.mkdir()
        (folder / "database.sqlite3").write_bytes(b"half")
        stamp = (NOW - age).timestamp()
        os.utime(folder, (stamp, stamp))

    backups_prune()

    assert sorted(p.name for p in backup_dir.iterdir()) == [
        ".partial-fresh",
        "shanyraq-20261207T190000Z.tar.gz",
        "shanyraq-20261207T190000Z.tar.gz.sha256",
    ]


def test_retention_follows_the_settings_and_the_command_options(backup_dir, pinned, settings):
    make(backup_dir, *daily_since(dt.date(2026, 11, 1), dt.date(2026, 12, 8)))
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY = 2, 0
    out = io.StringIO()

    call_command("prune_backups", stdout=out)

    assert [b.path.name for b in backups_list()] == [
        "shanyraq-20261207T190000Z.tar.gz",
        "shanyraq-20261206T190000Z.tar.gz",
    ]
    assert out.getvalue().splitlines()[-1] == "retention: 36 archive(s) deleted"
    call_command("prune_backups", "--keep-daily=1", stdout=out)
    assert [b.path.name for b in backups_list()] == ["shanyraq-20261207T190000Z.tar.gz"]


@given(
    ages=st.lists(st.integers(min_value=0, max_value=120 * 24), min_size=1, max_size=60, unique=True),
)
def test_after_prune_no_archive_but_the_newest_is_28_days_old_or_older(ages):
    """The bound docs/backups.md promises for erased data, whatever archives exist."""
    from shanyraq.backups.selectors import Backup
    from shanyraq.backups.services import retention_keep

    with time_machine.travel(NOW, tick=False):
        backups = sorted(
            (Backup(path=Path(str(age)), created_at=NOW - dt.timedelta(hours=age)) for age in ages),
            key=lambda b: b.created_at,
            reverse=True,
        )
        kept = retention_keep(backups, today=NOW.date(), keep_daily=7, keep_weekly=4)
    assert backups[0] in kept
    assert all(NOW - backup.created_at < dt.timedelta(days=28) for backup in kept - {backups[0]})


@pytest.mark.django_db
def test_backup_with_prune_writes_todays_archive_then_applies_the_retention(
    backup_dir, pinned, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    make(backup_dir, at(12, 7), at(11, 1))
    out = io.StringIO()

    call_command("backup", "--prune", stdout=out)

    size = (backup_dir / "shanyraq-20261208T020000Z.tar.gz").stat().st_size
    assert out.getvalue().splitlines() == [
        f"backup: {backup_dir / 'shanyraq-20261208T020000Z.tar.gz'} ({size} bytes), "
        "checksum in shanyraq-20261208T020000Z.tar.gz.sha256",
        "deleted: shanyraq-20261031T190000Z.tar.gz",
        "retention: 1 archive(s) deleted",
    ]
    assert [b.path.name for b in backups_list()] == [
        "shanyraq-20261208T020000Z.tar.gz",
        "shanyraq-20261206T190000Z.tar.gz",
    ]

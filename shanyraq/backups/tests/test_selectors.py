"""The newest backup's time and age, and the status staff read on /health, in four languages."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import translation

from shanyraq.backups.selectors import (
    BackupStatus,
    backup_status,
    backups_list,
    last_backup_age,
    last_backup_at,
)

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=BEIJING)


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    return settings.BACKUP_DIR


def test_no_backup_has_no_time_and_no_age(backup_dir, settings, tmp_path):
    (backup_dir / ".partial-x").mkdir()
    (backup_dir / "shanyraq-20261208T020000Z.tar.gz.sha256").write_text("a checksum without its archive")
    assert (last_backup_at(), last_backup_age(now=NOW), backups_list()) == (None, None, [])
    settings.BACKUP_DIR = tmp_path / "never-created"
    assert last_backup_at() is None


def test_last_backup_is_the_newest_archive_by_its_name(backup_dir):
    for name in ["shanyraq-20261207T190000Z.tar.gz", "shanyraq-20261206T190000Z.tar.gz", "shanyraq-x.tar.gz"]:
        (backup_dir / name).write_bytes(b"")

    assert last_backup_at() == dt.datetime(2026, 12, 7, 19, 0, tzinfo=dt.UTC)
    assert last_backup_age(now=NOW) == dt.timedelta(hours=7)


@pytest.mark.parametrize(
    "language, fresh, stale, missing",
    [
        (
            "en",
            "The newest backup was made on Dec 8, 2026, 3:00\xa0AM.",
            "The newest backup was made on Dec 8, 2026, 3:00\xa0AM: the daily backup has not run since.",
            "No backup has been made yet.",
        ),
        (
            "zh-hans",
            "最新备份完成于 2026年12月8日 03:00。",
            "最新备份完成于 2026年12月8日 03:00：此后每日备份未再运行。",
            "尚未进行任何备份。",
        ),
        (
            "kk",
            "Соңғы сақтық көшірме 2026\xa0ж. 08 жел., 03:00 жасалды.",
            "Соңғы сақтық көшірме 2026\xa0ж. 08 жел., 03:00 жасалды: содан бері күнделікті сақтық көшірме іске қосылмады.",
            "Әзірге бірде-бір сақтық көшірме жасалған жоқ.",
        ),
        (
            "ru",
            "Последняя резервная копия создана 8 дек. 2026\xa0г., 03:00.",
            "Последняя резервная копия создана 8 дек. 2026\xa0г., 03:00: с тех пор ежедневное копирование не запускалось.",
            "Резервная копия ещё ни разу не создавалась.",
        ),
    ],
)
def test_backup_status_is_fine_for_26_hours_then_says_the_daily_backup_was_missed(
    backup_dir, language, fresh, stale, missing
):
    with translation.override(language):
        assert backup_status(now=NOW) == BackupStatus(False, None, missing)
        (backup_dir / "shanyraq-20261207T190000Z.tar.gz").write_bytes(b"")
        made = dt.datetime(2026, 12, 7, 19, 0, tzinfo=dt.UTC)
        with time_machine.travel(made + dt.timedelta(hours=26), tick=False):
            assert backup_status() == BackupStatus(True, made, fresh)
        with time_machine.travel(made + dt.timedelta(hours=26, seconds=1), tick=False):
            assert backup_status() == BackupStatus(False, made, stale)

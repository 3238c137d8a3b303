import datetime as dt
import zoneinfo

import pytest
import time_machine

from shanyraq.backups.selectors import backups_list
from shanyraq.backups.tasks import backup_daily

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_the_daily_job_backs_up_then_applies_the_retention(settings, tmp_path):
    settings.MEDIA_ROOT, settings.BACKUP_DIR = tmp_path / "media", tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    (settings.BACKUP_DIR / "shanyraq-20261001T190000Z.tar.gz").write_bytes(b"old")

    with time_machine.travel(dt.datetime(2026, 12, 8, 3, 15, tzinfo=BEIJING), tick=False):
        result = backup_daily.enqueue()

    assert result.return_value == {
        "archive": "shanyraq-20261207T191500Z.tar.gz",
        "deleted": ["shanyraq-20261001T190000Z.tar.gz"],
    }
    assert [b.path.name for b in backups_list()] == ["shanyraq-20261207T191500Z.tar.gz"]

"""Settings of the backups module, read at call time.

Each value comes from a Django setting of the same name, else from the environment variable of
that name, else from the default below (docs/backups.md explains them).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.conf import settings

DEFAULT_KEEP_DAILY = 7  # the newest archive of each of the last 7 days (today included)
DEFAULT_KEEP_WEEKLY = 4  # the newest archive of each of the last 4 ISO weeks (this week included)
DEFAULT_MAX_AGE_HOURS = 26  # a daily backup plus two hours of slack; older means a backup was missed

# Tables that `migrate` fills by itself on a fresh install; rows there do not make an install
# "non-empty" for `restore` (sessions are only visitors' cookies, not data anyone keeps).
SEEDED_BY_MIGRATE = frozenset(
    {"contenttypes.contenttype", "auth.permission", "sessions.session", "collection.facetstate"}
)


def _value(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return str(value)


def backup_dir() -> Path:
    """Where archives go: settings.BACKUP_DIR (env BACKUP_DIR, default var/backups)."""
    return Path(getattr(settings, "BACKUP_DIR", None) or Path(settings.VAR_DIR) / "backups")


def keep_daily() -> int:
    return int(_value("BACKUP_KEEP_DAILY", str(DEFAULT_KEEP_DAILY)))


def keep_weekly() -> int:
    return int(_value("BACKUP_KEEP_WEEKLY", str(DEFAULT_KEEP_WEEKLY)))


def max_age() -> dt.timedelta:
    return dt.timedelta(hours=int(_value("BACKUP_MAX_AGE_HOURS", str(DEFAULT_MAX_AGE_HOURS))))

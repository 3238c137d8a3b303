"""A benchmark's own SQLite file, so the demo database is never touched."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fresh_sqlite(path: Path) -> Path:
    """Set Django up on an empty, migrated SQLite file at `path` (WAL, IMMEDIATE, as settings.py)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shanyraq.settings")
    os.environ.setdefault("SHANYRAQ_VAR_DIR", str(path.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for conn in connections.all():
        conn.close()
    connections.settings["default"].update(
        ENGINE="django.db.backends.sqlite3",
        NAME=str(path),
        OPTIONS={
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    )
    with contextlib.suppress(AttributeError):
        del connections["default"]
    call_command("migrate", verbosity=0)
    return path

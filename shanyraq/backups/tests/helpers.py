"""Read every table of a database and every media file, to compare two installs exactly."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any


def _sortable(row: tuple) -> str:
    return repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))


def sqlite_tables(path: str | Path) -> dict[str, list[tuple]]:
    """Every table (FTS and its shadow tables included) -> its rows, in a stable order."""
    with closing(sqlite3.connect(path)) as db:
        names = [
            n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return {
            name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=_sortable) for name in names
        }


def postgres_tables(params: dict[str, Any]) -> dict[str, list[tuple]]:
    """Every table of the public schema -> its rows; every sequence -> its position."""
    import psycopg

    with psycopg.connect(**params) as db:
        names = [
            n
            for (n,) in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        tables = {
            name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=_sortable) for name in names
        }
        for (sequence,) in db.execute(
            "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"
        ).fetchall():
            tables[f"sequence {sequence}"] = db.execute(
                f'SELECT last_value, is_called FROM "{sequence}"'
            ).fetchall()
        return tables


def media_contents(root: Path) -> dict[str, bytes]:
    """Every file under a media root -> its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }

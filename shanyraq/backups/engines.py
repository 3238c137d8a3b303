"""Dump and load one database, per engine: SQLite through its online backup API, PostgreSQL
through pg_dump / pg_restore (custom format). Each engine works from a Django settings dict."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any, Protocol

SQLITE_TIMEOUT = 30  # seconds to wait for a writer's lock, as the server's own connections do


class EngineError(Exception):
    """A dump or a load failed; the message says why, in the operator's words."""


class Engine(Protocol):
    name: str
    vendor: str
    filename: str

    def dump(self, settings_dict: dict[str, Any], target: Path) -> None: ...

    def check(self, source: Path) -> None: ...

    def load(self, settings_dict: dict[str, Any], source: Path) -> None: ...


class SQLite:
    name = "sqlite"
    vendor = "sqlite"
    filename = "database.sqlite3"

    def dump(self, settings_dict: dict[str, Any], target: Path) -> None:
        """Copy the live database in one step of the online backup API: the copy is the
        snapshot of one read transaction, and in WAL mode the server keeps writing meanwhile."""
        with (
            closing(sqlite3.connect(settings_dict["NAME"], timeout=SQLITE_TIMEOUT)) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
            # One self-contained file in the archive, with no -wal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")

    def check(self, source: Path) -> None:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as db:
            try:
                result = db.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                raise EngineError(f"the SQLite database in the archive is unreadable: {exc}")
        if result != "ok":
            raise EngineError(f"the SQLite database in the archive fails its check: {result}")

    def load(self, settings_dict: dict[str, Any], source: Path) -> None:
        """Replace the whole target database, page by page, in one write transaction."""
        target = Path(settings_dict["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as archived,
            closing(sqlite3.connect(target, timeout=SQLITE_TIMEOUT)) as live,
        ):
            archived.backup(live)


class PostgreSQL:
    name = "postgresql"
    vendor = "postgresql"
    filename = "database.pgdump"

    @staticmethod
    def environment(settings_dict: dict[str, Any]) -> dict[str, str]:
        """libpq's environment for the client tools: no password on a command line."""
        options = settings_dict.get("OPTIONS") or {}
        values = {
            "PGHOST": settings_dict.get("HOST"),
            "PGPORT": settings_dict.get("PORT"),
            "PGUSER": settings_dict.get("USER"),
            "PGPASSWORD": settings_dict.get("PASSWORD"),
            "PGDATABASE": settings_dict.get("NAME"),
            "PGSERVICE": options.get("service"),
            "PGPASSFILE": options.get("passfile"),
            "PGSSLMODE": options.get("sslmode"),
            "PGSSLROOTCERT": options.get("sslrootcert"),
            "PGSSLCERT": options.get("sslcert"),
            "PGSSLKEY": options.get("sslkey"),
        }
        return {**os.environ, **{key: str(value) for key, value in values.items() if value}}

    @staticmethod
    def _run(args: list[str], env: dict[str, str] | None = None) -> None:
        try:
            done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        except FileNotFoundError:
            raise EngineError(f"{args[0]} is not installed (Debian: apt-get install postgresql-client)")
        if done.returncode != 0:
            raise EngineError(f"{args[0]} failed: {done.stderr.strip() or done.returncode}")

    def dump(self, settings_dict: dict[str, Any], target: Path) -> None:
        """pg_dump runs in one repeatable-read transaction: a consistent snapshot."""
        self._run(["pg_dump", "--format=custom", f"--file={target}"], self.environment(settings_dict))

    def check(self, source: Path) -> None:
        self._run(["pg_restore", "--list", str(source)])

    def load(self, settings_dict: dict[str, Any], source: Path) -> None:
        """Drop what the dump holds, recreate it and fill it, in one transaction: all or nothing.
        Owners and grants are left out, so any role that may create tables can restore."""
        args = [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ]
        self._run(args, self.environment(settings_dict))


ENGINES: dict[str, Engine] = {engine.name: engine for engine in (SQLite(), PostgreSQL())}


def for_vendor(vendor: str) -> Engine:
    for engine in ENGINES.values():
        if engine.vendor == vendor:
            return engine
    raise EngineError(f"backups support SQLite and PostgreSQL, not {vendor}")

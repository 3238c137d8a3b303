"""Django's SQLite backend, with writers queued on a lock file instead of SQLite's busy sleeps.

Every `transaction.atomic()` on SQLite begins IMMEDIATE, so it waits for the write lock
(docs/decisions/002). SQLite's own busy handler waits by sleeping 1, 2, 5, 10 ... up to 100 ms
between tries: under a burst (20 clients registering at once), a writer can sleep through many
free moments and wait a second while the lock was held for 3 ms at a time. Here each
outermost transaction first takes an exclusive `flock` on `<database>.writers`, retried every
half millisecond at most, so writers follow each other as soon as the lock is free.

The file lock only queues; SQLite's lock still guarantees correctness. A writer that cannot get
the file lock within the connection's timeout goes on to SQLite's BEGIN, which then waits and
fails as before ("database is locked"); a process that dies releases its file lock with its
file descriptor. Writes outside `atomic()` (autocommit) do not queue here.
"""

from __future__ import annotations

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

FIRST_WAIT = 0.0001
LONGEST_WAIT = 0.0005


class DatabaseWrapper(base.DatabaseWrapper):
    _writers_file = None
    _writers_held = False

    def _writers_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        return name + ".writers"

    def _queue_for_write(self) -> None:
        path = self._writers_path()
        if path is None:
            return
        if self._writers_file is None:
            self._writers_file = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        deadline = time.monotonic() + timeout
        wait = FIRST_WAIT
        while True:
            try:
                fcntl.flock(self._writers_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy timeout decides from here
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
            else:
                self._writers_held = True
                return

    def _leave_write_queue(self) -> None:
        if self._writers_held:
            self._writers_held = False
            fcntl.flock(self._writers_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._queue_for_write()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_write_queue()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_write_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_write_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._leave_write_queue()
            if self._writers_file is not None:
                os.close(self._writers_file)
                self._writers_file = None

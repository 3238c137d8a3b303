"""The SQLite backend queues writers on a lock file (core/sqlite/base.py): a second writer starts
as soon as the first commits, and a lock file held too long hands over to SQLite's own timeout."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection

from shanyraq.core.sqlite.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend only")


@pytest.fixture(autouse=True)
def _own_files(django_db_blocker):
    """These tests open their own database files, not the test database."""
    with django_db_blocker.unblock():
        yield


def _wrapper(path, timeout=5):
    settings = {
        **connection.settings_dict,
        "NAME": str(path),
        "OPTIONS": {**connection.settings_dict["OPTIONS"]},
    }
    settings["OPTIONS"]["timeout"] = timeout
    return DatabaseWrapper(settings, alias=f"w{id(settings)}")


def _begin(wrapper):
    wrapper.ensure_connection()
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def _end(wrapper, commit=True):
    wrapper.commit() if commit else wrapper.rollback()
    wrapper.set_autocommit(True)


def test_a_second_writer_waits_for_the_first_to_commit_then_goes_at_once(tmp_path):
    first = _wrapper(tmp_path / "db.sqlite3")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (v INTEGER)")
    order = []
    _begin(first)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")

    def other():
        second = _wrapper(tmp_path / "db.sqlite3")
        _begin(second)
        order.append("second began")
        with second.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")
        _end(second)
        second.close()

    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(0.2)
    order.append("first commits")
    _end(first)
    thread.join(5)
    assert order == ["first commits", "second began"]
    with first.cursor() as cursor:
        cursor.execute("SELECT v FROM t ORDER BY v")
        assert cursor.fetchall() == [(1,), (2,)]
    # Both released the queue: a third writer gets it without waiting.
    probe = os.open(str(tmp_path / "db.sqlite3.writers"), os.O_RDWR)
    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(probe)
    first.close()


def test_a_rollback_leaves_the_queue_too(tmp_path):
    writer = _wrapper(tmp_path / "db.sqlite3")
    _begin(writer)
    _end(writer, commit=False)
    probe = os.open(str(tmp_path / "db.sqlite3.writers"), os.O_RDWR)
    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(probe)
    writer.close()


def test_a_lock_file_held_past_the_timeout_hands_over_to_sqlite(tmp_path):
    """A stuck holder of the lock file alone (not of SQLite's lock) never stops writers for good."""
    writer = _wrapper(tmp_path / "db.sqlite3", timeout=0.3)
    squatter = os.open(str(tmp_path / "db.sqlite3.writers"), os.O_RDWR | os.O_CREAT)
    fcntl.flock(squatter, fcntl.LOCK_EX)
    started = time.monotonic()
    _begin(writer)
    waited = time.monotonic() - started
    with writer.cursor() as cursor:
        cursor.execute("CREATE TABLE t (v INTEGER)")
    _end(writer)
    assert 0.3 <= waited < 3
    os.close(squatter)
    writer.close()

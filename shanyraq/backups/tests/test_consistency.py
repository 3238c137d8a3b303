"""A backup taken while the server writes is one consistent snapshot: every transaction of the
writer is in it whole or not at all."""

from __future__ import annotations

import sqlite3
import tarfile
import threading
from contextlib import closing

import pytest
from django.db import connection, connections, transaction

from shanyraq.backups import engines
from shanyraq.backups.services import backup_create
from shanyraq.people.models import Consent, Person
from shanyraq.people.services import consent_record, person_create

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def counts_in(archive, tmp_path) -> tuple[int, int]:
    """(people, consents) in the archive's database."""
    engine = engines.for_vendor(connection.vendor)
    with tarfile.open(archive) as tar:
        tar.extract(engine.filename, tmp_path, filter="data")
    dump = tmp_path / engine.filename
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(dump)) as db:
            return tuple(
                db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("people_person", "people_consent")
            )
    import psycopg

    name = f"{connection.settings_dict['NAME']}_snapshot"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        engine.load({**connection.settings_dict, "NAME": name}, dump)
        params = {**connection.get_connection_params(), "dbname": name}
        params.pop("cursor_factory", None)
        with psycopg.connect(**params) as db:
            return tuple(
                db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("people_person", "people_consent")
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_taken_during_writes_holds_each_transaction_whole(settings, tmp_path, clock):
    settings.MEDIA_ROOT, settings.BACKUP_DIR = tmp_path / "media", tmp_path / "backups"
    stop, written, errors = threading.Event(), threading.Event(), []

    def writer() -> None:
        try:
            n = 0
            while not stop.is_set():
                with transaction.atomic():  # a person and a consent: two rows, one transaction
                    person = person_create(name=f"Writer {n}")
                    consent_record(person=person, kind="newsletter")
                n += 1
                if n == 20:
                    written.set()
        except BaseException as exc:
            errors.append(exc)
            written.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(60)
        backups = []
        for second in range(3):
            clock.shift(1 + second)
            backups.append(backup_create())
    finally:
        stop.set()
        thread.join()

    assert errors == []
    snapshots = [counts_in(b.path, tmp_path / b.path.name) for b in backups]
    assert all(people == consents and people >= 20 for people, consents in snapshots), snapshots
    assert Person.objects.count() == Consent.objects.count() > snapshots[0][0]

"""Back up a full install (the demo plus records of every kind), restore it into an empty install
with `manage.py restore` in a fresh process, and find every table row and media file identical.

Runs on the suite's database engine: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from PIL import Image

from shanyraq.backups.selectors import backups_list
from shanyraq.backups.tests.helpers import media_contents, postgres_tables, sqlite_tables
from shanyraq.collection.services.images import image_add
from shanyraq.collection.services.procedures import condition_check_record
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.library.services.circulation import copy_checkout, hold_place
from shanyraq.library.services.patrons import patron_create
from shanyraq.library.tests.factories import CopyFactory, RecordFactory
from shanyraq.people.services import consent_record, person_create
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import ProgramFactory, make_session
from shanyraq.spaces.models import Booking, Space
from shanyraq.spaces.services import booking_create

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def picture(colour: str, size=(64, 48), kind="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def add_records_of_every_kind(django_user_model) -> None:
    """Beside the demo: people, a child with a guardian, artifacts with images and a condition
    photograph, library records, copies, a loan and a hold, a program cover, a registration,
    a booking, a login with a session and an admin log entry."""
    curator = django_user_model.objects.create_user("backup-curator", password="pw-for-tests", is_staff=True)
    guardian = person_create(
        name="Гүлнар Backup", language="kk", email="gulnar@example.org", phone="+86 10 1234"
    )
    consent_record(person=guardian, kind="newsletter")
    child = person_create(
        name="Айбек Backup",
        language="kk",
        birth_date=timezone.localdate() - dt.timedelta(days=9 * 365),
        guardian=guardian,
        guardian_consent=True,
    )
    reader = person_create(name="李 Backup", language="zh-hans", email="li@example.org")

    artifact = ArtifactFactory(title_en="Backup dombra", title_kk="Домбыра")
    image_add(
        actor=curator, artifact=artifact, data=picture("teal", (900, 600)), primary=True, alt_en="A dombra"
    )
    image_add(actor=curator, artifact=artifact, data=picture("olive", kind="JPEG"), alt_ru="Домбра")
    condition_check_record(
        actor=curator, artifact=artifact, grade="good", images=[("c.png", picture("navy"))]
    )

    record = RecordFactory(title="Абай жолы", language="kaz")
    record.cover.save("abai.png", ContentFile(picture("maroon")))
    CopyFactory(record=record, barcode="BK1")
    patron = patron_create(person=reader, barcode="PBACKUP1")
    copy_checkout(barcode="BK1", patron=patron, actor=curator)
    holder = patron_create(person=guardian, barcode="PBACKUP2")
    hold_place(record=record, patron=holder, actor=curator)

    program = ProgramFactory(title_en="Backup felt workshop")
    program.image.save("felt.png", ContentFile(picture("purple")))
    session = make_session(program=program, capacity=5)
    registration_create(session=session, person=child, booker=guardian, notify=False)
    registration_create(session=session, person=reader, notify=False)

    space = Space.objects.get(slug="hall-archaeology")
    start = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0) + dt.timedelta(days=20)
    booking_create(
        space=space,
        start=start,
        end=start + dt.timedelta(hours=2),
        kind=Booking.Kind.OUTSIDE,
        requester_name="Backup choir",
        requester_email="choir@example.org",
        teachers=[reader],
        purpose="Backup rehearsal",
    )
    Client().force_login(curator)  # a row in django_session
    LogEntry.objects.log_actions(
        user_id=curator.pk, queryset=[artifact], action_flag=ADDITION, change_message="backup test"
    )


def database_url(settings_dict: dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings_dict['NAME']}"


@pytest.fixture
def empty_install(tmp_path):
    """A separate, empty install: its own SQLite file or PostgreSQL database and media folder."""
    root = tmp_path / "restored"
    install = {"root": root, "media": root / "media", "settings": dict(connection.settings_dict)}
    if connection.vendor == "sqlite":
        install["settings"]["NAME"] = str(root / "restored.sqlite3")
        yield install
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    install["settings"]["NAME"] = name
    yield install
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def all_tables(settings_dict: dict) -> dict[str, list[tuple]]:
    if connection.vendor == "sqlite":
        return sqlite_tables(settings_dict["NAME"])
    params = {**connection.get_connection_params(), "dbname": settings_dict["NAME"]}
    params.pop("cursor_factory", None)
    return postgres_tables(params)


def test_restore_into_an_empty_install_reproduces_every_table_row_and_media_file(
    clock, settings, tmp_path, django_user_model, empty_install
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("load_demo", stdout=io.StringIO())
    add_records_of_every_kind(django_user_model)
    call_command("backup", stdout=io.StringIO())
    [backup] = backups_list()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "SHANYRAQ_VAR_DIR": str(empty_install["root"]),
        "MEDIA_ROOT": str(empty_install["media"]),
        "DATABASE_URL": database_url(empty_install["settings"]),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup.path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(f"restored: {backup.path.name} (made ")

    original, restored = all_tables(connection.settings_dict), all_tables(empty_install["settings"])
    model_tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    django_tables = {"django_migrations", "django_content_type", "django_session", "django_admin_log"}
    assert model_tables | django_tables <= original.keys()
    assert restored.keys() == original.keys()
    different = [name for name in original if restored[name] != original[name]]
    assert different == []
    filled = {name for name, rows in original.items() if rows}
    assert {
        "people_person",
        "people_consent",
        "collection_artifact",
        "collection_artifactimage",
        "collection_conditioncheck",
        "library_record",
        "library_copy",
        "library_loan",
        "library_hold",
        "programs_program",
        "programs_session",
        "programs_registration",
        "spaces_booking",
        "auth_user",
        "django_session",
        "django_admin_log",
        "search_searchentry",
    } <= filled

    files, restored_files = (
        media_contents(Path(django_settings.MEDIA_ROOT)),
        media_contents(empty_install["media"]),
    )
    assert len(files) > 100
    assert {"collection/original", "collection/condition", "library/covers", "programs"} <= {
        name.rsplit("/", 1)[0] for name in files
    }
    assert restored_files.keys() == files.keys()
    assert [name for name in files if restored_files[name] != files[name]] == []

"""The lockout count lives in the database: failures made by another process count too."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from shanyraq.accounts.tests.conftest import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.real_clock]

ROOT = Path(__file__).resolve().parents[3]
OTHER_WORKER = """
import django
django.setup()
from django.test import Client
client = Client()
for n in range({count}):
    print(client.post("/en/staff/login/", {{"username": "curator", "password": "wrong"}}).status_code)
"""


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_failures_in_another_worker_process_count_toward_the_lock(transactional_db, client, staff, settings):
    staff("curator")
    for _n in range(settings.AXES_FAILURE_LIMIT - 2):
        client.post("/en/staff/login/", {"username": "curator", "password": "wrong"})
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shanyraq.settings_test", "DATABASE_URL": database_url()}
    other = subprocess.run(
        [sys.executable, "-c", OTHER_WORKER.format(count=2)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    # The other process saw this one's failures: its second try is the one that locks.
    assert other.stdout.split() == ["200", "429"]
    response = client.post("/en/staff/login/", {"username": "curator", "password": PASSWORD})
    assert response.status_code == 429

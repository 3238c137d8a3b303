"""docs/deploy.md's commands, run as written against PostgreSQL: migrate, sync_roles, collectstatic,
then gunicorn, the worker and the scheduler, and a page fetched the way the reverse proxy asks.

Runs where DATABASE_URL points at PostgreSQL (CI runs the suite there); it works in a database of
its own, created and dropped here. (`compile_catalogs`, also in the guide, has run in `make test`.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from shanyraq.ops.tests.stack import ROOT, free_port, manage, production_env, skip_under_on_date, wait_for

pytestmark = pytest.mark.slow

SITE = "center.example.org"


@pytest.fixture
def postgres_database(pytestconfig):
    skip_under_on_date(pytestconfig)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "the deploy guide's PostgreSQL path runs only when DATABASE_URL points at PostgreSQL (CI sets it)"
        )
    import psycopg

    parts = urlsplit(url)
    name = f"shanyraq_deploy_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_deploy_guide_serves_pages_from_gunicorn_on_postgresql(postgres_database, tmp_path):
    port = free_port()
    env = production_env(
        tmp_path,
        SECRET_KEY="a-long-random-production-secret-" + "x9Q#" * 12,
        SITE_URL=f"https://{SITE}",
        DATABASE_URL=postgres_database,
        BIND=f"127.0.0.1:{port}",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "sync_roles")
    manage(env, "collectstatic", "--noinput")
    manage(env, "backup")
    bin_dir = os.path.dirname(sys.executable)
    commands = [
        [os.path.join(bin_dir, "gunicorn"), "-c", "gunicorn.conf.py"],
        [sys.executable, "manage.py", "db_worker"],
        [sys.executable, "manage.py", "scheduler"],
    ]
    procs = [
        subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for c in commands
    ]
    try:
        proxy = {"Host": SITE, "X-Forwarded-Proto": "https"}  # what the nginx example sends
        home = wait_for(f"http://127.0.0.1:{port}/en/", procs[0], headers=proxy)
        assert "Cultural Center of Kazakhstan in Beijing" in home.text
        assert home.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        plain = requests.get(
            f"http://127.0.0.1:{port}/en/", headers={"Host": SITE}, allow_redirects=False, timeout=10
        )
        assert (plain.status_code, plain.headers["Location"]) == (301, f"https://{SITE}/en/")
        health = wait_for(
            f"http://127.0.0.1:{port}/health", procs[0], headers={"Host": SITE}, timeout=60
        ).json()
        assert health["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
        # Media are the proxy's job in production: Django has no /media/ route.
        media = requests.get(f"http://127.0.0.1:{port}/media/x.jpg", headers=proxy, timeout=10)
        assert media.status_code == 404
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            _out, err = proc.communicate(timeout=30)
            assert proc.returncode in (0, -15), err.decode()[-2000:]

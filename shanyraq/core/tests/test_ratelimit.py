"""The rate limit is shared by every worker (issue 13, issue 9 part 4): it lives in the shared
cache (the database cache here), claims numbered slots with atomic `cache.add`, and keys on the
client IP from core/clientip.py. The control shows the old per-process cache letting through
twice the limit with two processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from shanyraq.core.ratelimit import Rate, hit
from shanyraq.programs.tests.factories import make_session

LIMIT, ATTEMPTS = 10, 15

WORKER = """
import sys, time
import django
django.setup()
from shanyraq.core import ratelimit
if sys.argv[1] == "locmem":
    from django.core.cache.backends.locmem import LocMemCache
    ratelimit.cache = LocMemCache("control", {})
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
rate = ratelimit.Rate({limit}, 3600)
print(sum(ratelimit.hit("shared-visitor", rate, now=start) for _ in range({attempts})))
""".replace("{limit}", str(LIMIT)).replace("{attempts}", str(ATTEMPTS))


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _race(mode: str, processes: int = 2) -> list[int]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shanyraq.settings_test", "DATABASE_URL": _database_url()}
    start = time.time() + 4  # every process has imported Django by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, mode, str(start)],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        results.append(int(out.strip()))
    return results


@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_limit():
    allowed = _race("shared")
    assert sum(allowed) == LIMIT
    assert all(n <= LIMIT for n in allowed)


@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True)
def test_control_a_cache_per_process_lets_each_process_take_the_whole_limit():
    assert _race("locmem") == [LIMIT, LIMIT]


@pytest.mark.django_db
def test_the_window_resets(settings):
    rate = Rate(2, 60)
    assert [hit("k", rate, now=120.0) for _ in range(3)] == [True, True, False]
    assert hit("k", rate, now=180.0) is True


@pytest.mark.django_db
def test_a_zero_count_turns_the_limit_off():
    assert all(hit("k", Rate.parse("0/1")) for _ in range(50))


def _register(client, session, i: int, **headers):
    body = {"name": f"Visitor {i}", "email": f"v{i}@example.org", "language": "en"}
    return client.post(
        f"/api/v1/sessions/{session.pk}/registrations", body, content_type="application/json", **headers
    ).status_code


@pytest.fixture
def limited(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PROGRAMS_REGISTRATION_RATE = "2/600"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


@pytest.mark.django_db
def test_a_forged_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit(client, limited):
    session = make_session(capacity=30)
    codes = [
        _register(client, session, i, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        for i in range(3)
    ]
    assert codes == [201, 201, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(client, limited):
    session = make_session(capacity=30)
    first = [
        _register(client, session, i, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
        for i in range(3)
    ]
    other = _register(client, session, 9, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert (first, other) == ([201, 201, 429], 201)

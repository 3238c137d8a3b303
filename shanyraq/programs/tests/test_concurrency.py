"""No overbooking, ever: 200 real HTTP clients race for 20 seats on a real gunicorn server.

The server is a separate process (2 workers x 8 threads) on the test database, so the only
thing between the requests is the lock in registration_create. The control runs a naive
read-then-write variant through the same kind of threads and shows that it over-confirms.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Sum

from shanyraq.people.models import Person
from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session

pytestmark = [pytest.mark.undated, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ATTEMPTS, SEATS = 200, 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test runs on, for the server subprocess."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


class Server:
    def __init__(self, workers: int = 2, threads: int = 8):
        self.port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "shanyraq.settings_test",
            "DATABASE_URL": database_url(),
            "SHANYRAQ_REGISTRATION_RATE": "0/1",
        }
        bin_dir = Path(sys.executable).parent
        self.proc = subprocess.Popen(
            [
                str(bin_dir / "gunicorn"),
                "shanyraq.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait(self, path: str, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode()[-2000:])
            try:
                if requests.get(self.url + path, timeout=10).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or still importing on a busy machine
                time.sleep(0.2)
        raise TimeoutError("gunicorn did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stderr.close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.stop()


def test_200_http_clients_for_20_seats_confirm_exactly_20_and_queue_180_in_order(server):
    session = make_session(program=ProgramFactory(), space=SpaceFactory(capacity=SEATS))
    server.wait(f"/api/v1/sessions/{session.pk}")
    url = f"{server.url}/api/v1/sessions/{session.pk}/registrations"

    def post(i: int) -> int:
        payload = {"name": f"Visitor {i}", "email": f"visitor{i}@example.org", "language": "en"}
        return requests.post(url, json=payload, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(post, range(ATTEMPTS)))

    assert codes == [201] * ATTEMPTS
    regs = list(Registration.objects.filter(session=session).order_by("pk"))
    assert len(regs) == ATTEMPTS
    assert [r.status for r in regs] == ["confirmed"] * SEATS + ["waiting"] * (ATTEMPTS - SEATS)
    assert [r.position for r in regs[SEATS:]] == list(range(1, ATTEMPTS - SEATS + 1))


def naive_registration_create(*, session, person) -> Registration:
    """The control: count, then write, with no lock and no transaction (what not to do)."""
    taken = (
        Registration.objects.filter(session=session, status="confirmed").aggregate(n=Sum("seats"))["n"] or 0
    )
    time.sleep(0.002)  # the request's other work between the read and the write
    status = "confirmed" if taken < session.capacity else "waiting"
    return Registration.objects.create(
        program=session.program, session=session, person=person, booker=person, status=status
    )


def test_control_without_the_lock_the_same_race_overbooks():
    session = make_session(program=ProgramFactory(), space=SpaceFactory(capacity=SEATS))
    people = Person.objects.bulk_create([Person(name=f"P{i}") for i in range(ATTEMPTS // 2)])
    barrier = threading.Barrier(50)

    def attempt(person):
        close_old_connections()
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            naive_registration_create(session=session, person=person)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(attempt, people))
    confirmed = Registration.objects.filter(session=session, status="confirmed").count()
    assert confirmed > SEATS

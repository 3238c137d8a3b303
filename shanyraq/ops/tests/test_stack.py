"""`make run`'s stack for real: gunicorn, the task worker and the scheduler on a free port, DEBUG off.

Each test prepares a fresh var/ directory (SQLite, secret key, collected static files) the way
`make run` does, starts `manage.py serve`, and talks to it over HTTP.
"""

from __future__ import annotations

import email
import re
import signal
import subprocess
import sys
import time
from email.policy import default

import pytest
import requests
from aiosmtpd.controller import Controller

from shanyraq.ops.tests.stack import ROOT, free_port, manage, production_env, skip_under_on_date, wait_for

pytestmark = pytest.mark.slow

SEED = """
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory, make_session
session = make_session(program=ProgramFactory(title_en="Felt making", title_kk="Киіз басу"), space=SpaceFactory(capacity=5))
print(session.pk)
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, pytestconfig):
    """A var/ directory as `make run` leaves it before serving: migrated, static files collected."""
    skip_under_on_date(pytestconfig)
    var_dir = tmp_path_factory.mktemp("var")
    env = production_env(var_dir, SHANYRAQ_LOCAL_HTTP="1")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return var_dir


class Stack:
    def __init__(self, var_dir, **extra):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = production_env(var_dir, SHANYRAQ_LOCAL_HTTP="1", PORT=str(self.port), **extra)
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "serve"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self, signum=signal.SIGINT, timeout: float = 60) -> tuple[int, str]:
        self.proc.send_signal(signum)
        output, _ = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, output


@pytest.fixture
def stack(prepared):
    started = []

    def start(**extra) -> Stack:
        started.append(Stack(prepared, **extra))
        return started[-1]

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.communicate()


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_stack_serves_pages_health_and_our_404_then_stops_cleanly(stack, signum):
    s = stack()
    home = wait_for(f"{s.url}/en/", s.proc)
    assert "Cultural Center of Kazakhstan in Beijing" in home.text
    assert "wsgiserver" not in home.headers.get("Server", "").lower()  # gunicorn, not runserver
    # The worker ran the scheduler's heartbeat job: the whole stack is up.
    # (A fresh install has made no backup yet, so /health as a whole says 503 until the first night.)
    health = wait_for(f"{s.url}/health", s.proc, status=503, timeout=60).json()
    deadline = time.monotonic() + 60
    while not (health["checks"]["worker"]["ok"] and health["checks"]["scheduler"]["ok"]):
        assert time.monotonic() < deadline, health
        time.sleep(0.5)
        health = requests.get(f"{s.url}/health", timeout=10).json()
    assert [name for name, check in health["checks"].items() if not check["ok"]] == ["last_backup"]
    assert health["checks"]["scheduler"]["jobs"]["worker_heartbeat"]["status"] == "succeeded"
    css = requests.get(f"{s.url}/static/site/site.css", timeout=10)
    assert css.status_code == 200  # whitenoise
    missing = requests.get(f"{s.url}/nope/", headers={"Accept-Language": "ru"}, timeout=10)
    assert missing.status_code == 404
    assert "<h1>Страница не найдена</h1>" in missing.text
    assert "Traceback" not in missing.text and "DEBUG" not in missing.text

    code, output = s.stop(signum)
    assert code == 0, output
    assert "Segmentation fault" not in output and "Traceback" not in output
    pids = [int(p) for p in re.search(r"pids ([\d, ]+)\)", output).group(1).split(", ")]
    assert len(pids) == 3 and not any(alive(pid) for pid in pids)
    assert output.rstrip().endswith("stopped")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.original_content or envelope.content)
        return "250 OK"


@pytest.fixture
def smtp():
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_links_in_a_sent_email_answer_200_on_the_port_the_server_runs_on(stack, smtp):
    inbox, smtp_port = smtp
    s = stack(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
    )
    session_id = manage(s.env, "shell", "-c", SEED).split()[-1]
    wait_for(f"{s.url}/en/", s.proc)
    answer = requests.post(
        f"{s.url}/api/v1/sessions/{session_id}/registrations",
        json={"name": "Aigul", "email": "aigul@example.org", "language": "kk"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    deadline = time.monotonic() + 60
    while not inbox.messages and time.monotonic() < deadline:  # the worker sends it
        time.sleep(0.2)
    (raw,) = inbox.messages
    message = email.message_from_bytes(raw, policy=default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"http://\S+", body)
    ics = next(p for p in message.iter_attachments() if p.get_filename() == "session.ics")
    links += re.findall(r"URL:(\S+)", ics.get_payload(decode=True).decode())
    assert links, body
    for link in links:
        assert link.startswith(f"{s.url}/kk/"), link
        response = requests.get(link, timeout=30, allow_redirects=False)
        assert response.status_code == 200, (link, response.status_code)
    assert s.stop()[0] == 0

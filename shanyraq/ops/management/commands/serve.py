"""manage.py serve: the production stack on one machine (what `make run` runs).

Starts gunicorn (gunicorn.conf.py: workers from the CPU count), the task worker (`db_worker`) and
the scheduler, each in its own session so that Ctrl-C reaches only this supervisor, which then
asks each of them once to stop (SIGTERM), waits for them, and exits 0. If one of them dies, the
others are stopped too and the exit status is 1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

STOP_TIMEOUT = 20


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if the supervisor itself is killed, so nothing is orphaned."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Command(BaseCommand):
    help = "Run gunicorn, the task worker and the scheduler together; Ctrl-C stops all three."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port: int, host: str, **options):
        base = Path(settings.BASE_DIR)
        env = {**os.environ, "PORT": str(port), "HOST": host}
        manage = [sys.executable, str(base / "manage.py")]
        commands = {
            "web": [sys.executable, "-m", "gunicorn", "-c", str(base / "gunicorn.conf.py")],
            "worker": [*manage, "db_worker", "--no-reload", "--no-startup-delay"],
            "scheduler": [*manage, "scheduler"],
        }
        stopping = False

        def request_stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        children = {
            name: subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=base, env=env, start_new_session=True, preexec_fn=_die_with_parent
            )
            for name, command in commands.items()
        }
        self.stdout.write(
            f"web, worker and scheduler started (pids {', '.join(str(c.pid) for c in children.values())})"
        )
        failed = None
        while not stopping and failed is None:
            time.sleep(0.2)
            failed = next((name for name, child in children.items() if child.poll() is not None), None)
        if failed:
            self.stderr.write(
                f"{failed} exited with status {children[failed].returncode}: stopping the others"
            )
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop in {STOP_TIMEOUT} s: killing it")
                child.kill()
                child.wait()
        self.stdout.write("stopped")
        if failed:
            sys.exit(1)

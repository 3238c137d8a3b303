"""Helpers for the tests that start the real stack: free ports, a production environment, waiting."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
# The variables of the test run that must not leak into a production process.
TEST_ONLY = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "PYTEST_XDIST_WORKER"}


def skip_under_on_date(config) -> None:
    """The stack's processes run on the real clock: `--on-date` cannot reach them, so a run under
    another date would prove nothing new (and cost a minute)."""
    if config.getoption("--on-date"):
        pytest.skip("real processes on the real clock: --on-date does not reach them")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY and not k.startswith("PYTEST_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
            "SHANYRAQ_DEBUG": "0",
            "SHANYRAQ_VAR_DIR": str(var_dir),
            "WEB_CONCURRENCY": "2",
            "PYTHONWARNINGS": "ignore",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def wait_for(
    url: str, proc: subprocess.Popen, *, status: int = 200, timeout: float = 120, **kwargs
) -> requests.Response:
    """GET `url` until it answers `status` (the server may still be importing on a busy machine)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            last = requests.get(url, timeout=10, allow_redirects=False, **kwargs)
            if last.status_code == status:
                return last
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer {status} in {timeout} s (last: {last and last.status_code})")

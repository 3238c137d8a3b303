"""Production settings come from the environment, and `check --deploy` is clean with them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "SHANYRAQ_DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x9Q#" * 12,
        "ALLOWED_HOSTS": "center.example.org",
        "SHANYRAQ_VAR_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_generates_one_into_var_once_and_keeps_it(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}},
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "SHANYRAQ_DEBUG": "0",
        "SHANYRAQ_VAR_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    show = "from django.conf import settings; print(settings.SECRET_KEY)"
    keys = [
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", show],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.split()[-1]
        for _ in range(2)
    ]
    stored = (tmp_path / "secret_key").read_text()
    assert keys == [stored, stored]
    assert len(stored) >= 50 and not stored.startswith("dev-only")
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_local_http_serving_keeps_debug_off_without_https_only_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "SITE_URL"}
        },
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "SHANYRAQ_DEBUG": "0",
        "SHANYRAQ_LOCAL_HTTP": "1",
        "PORT": "8765",
        "SHANYRAQ_VAR_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    show = (
        "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.SITE_URL, ','.join(s.ALLOWED_HOSTS), s.SERVE_MEDIA)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        result.stdout.strip().splitlines()[-1]
        == "False False False http://127.0.0.1:8765 127.0.0.1,localhost True"
    )

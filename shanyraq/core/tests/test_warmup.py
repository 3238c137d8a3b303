"""The server's master loads URL modules, views, API schemas and catalogs before forking workers,
without opening a database connection a forked worker would share (core/warmup.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, sys
from django.db import connections
from django.utils.translation import trans_real
import shanyraq.wsgi  # what gunicorn's master imports (preload_app)
from django.urls import get_resolver
print(json.dumps({
    "api_loaded": "shanyraq.api.programs" in sys.modules,
    "patterns_cached": "url_patterns" in get_resolver().__dict__,
    "catalogs": sorted(trans_real._translations),
    "reverse_languages": sorted(get_resolver()._reverse_dict),
    "open_connections": [c.alias for c in connections.all() if c.connection is not None],
}))
"""


def test_importing_the_wsgi_application_loads_every_worker_needs_and_leaves_no_connection(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "SHANYRAQ_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["api_loaded"] and state["patterns_cached"]
    assert {"en", "kk", "ru", "zh-hans"} <= set(state["catalogs"])
    assert {"en", "kk", "ru", "zh-hans"} <= set(state["reverse_languages"])
    assert state["open_connections"] == []

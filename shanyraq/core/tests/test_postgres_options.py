"""PostgreSQL connections run without JIT (decision 029), unless the operator says otherwise."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

READ = (
    "import json, django; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def _options(tmp_path, **env) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DB_PG_OPTIONS"},
            "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
            "SHANYRAQ_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://shanyraq@db.example.org:5432/shanyraq",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_postgresql_connections_ask_for_no_jit_and_the_operator_can_change_it(tmp_path):
    assert _options(tmp_path)["options"] == "-c jit=off"
    assert "options" not in _options(tmp_path, DB_PG_OPTIONS="")
    assert (
        _options(tmp_path, DB_PG_OPTIONS="-c jit=on -c work_mem=64MB")["options"]
        == "-c jit=on -c work_mem=64MB"
    )


@pytest.mark.django_db
def test_the_test_database_connection_really_runs_without_jit():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

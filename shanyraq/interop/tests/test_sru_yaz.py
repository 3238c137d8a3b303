"""yaz-client (Index Data's YAZ, Debian package `yaz`) searches our SRU server as it would any
library's: docs/library/interop.md shows the same commands. Skips where YAZ is not installed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from shanyraq.library.marc.common import RecordData
from shanyraq.library.services.catalogue import record_create

YAZ = shutil.which("yaz-client")
pytestmark = pytest.mark.skipif(YAZ is None, reason="yaz-client is not installed (apt-get install yaz)")


def test_yaz_client_finds_and_shows_a_record_over_sru(live_server, transactional_db, tmp_path):
    record_create(actor=None, data=RecordData(title="Абай жолы", title_romanized="Abai joly", language="kaz"))
    commands = tmp_path / "commands"
    commands.write_text(
        f"open {live_server.url}/sru\nsru get 2.0\nquerytype cql\nelements marcxml\n"
        'find title="abai joly"\nshow 1\nquit\n'
    )
    run = subprocess.run([YAZ, "-f", str(commands)], capture_output=True, text=True, timeout=60)
    out = run.stdout
    assert "Number of hits: 1" in out, out
    assert "Абай жолы" in out and 'tag="245"' in out, out

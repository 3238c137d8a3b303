"""An import leaves a row that says how it went; a killed one leaves no orphan helper and can be
resumed (library/services/import_jobs.py, marc/pipeline.py)."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pymarc
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from shanyraq.library.marc import reader
from shanyraq.library.models import MarcImport
from shanyraq.library.services import marc_import as mi
from shanyraq.library.services.import_jobs import import_job_start, import_jobs_reap
from shanyraq.library.tests.data import DATA

SOURCE = DATA / "marc21-english" / "pymarc__test.dat"


def corpus(n: int) -> bytes:
    """n records of the shared files, each with its own 001 and no ISBN (all new, none a duplicate)."""
    base = [e.record for e in reader.read(SOURCE.read_bytes()) if e.record is not None]
    out = io.BytesIO()
    for i in range(n):
        record = base[i % len(base)]
        record.remove_fields("001", "020", "010")
        record.add_ordered_field(pymarc.Field(tag="001", data=f"KILL{i:07d}"))
        record.force_utf8 = True
        out.write(record.as_marc())
    return out.getvalue()


@pytest.mark.django_db
def test_an_import_leaves_a_finished_row_with_its_counts():
    data = SOURCE.read_bytes()
    mi.marc_import(data=data, file_name="test.dat")
    report = mi.marc_import(data=data, file_name="test.dat")
    first, second = MarcImport.objects.order_by("pk")
    assert (first.status, first.file_name, first.created, first.duplicates, first.errors) == (
        "finished", "test.dat", 10, 0, 0,
    )  # fmt: skip
    assert (second.status, second.created, second.duplicates, second.done_through) == ("finished", 0, 10, 10)
    assert report.job == second


@pytest.mark.django_db
def test_a_dry_run_leaves_no_row():
    mi.marc_import(data=SOURCE.read_bytes(), dry_run=True)
    assert MarcImport.objects.count() == 0


@pytest.mark.django_db
def test_a_running_row_whose_process_is_gone_is_marked_interrupted():
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    job = import_job_start(data=b"x", file_name="x.mrc", merge=False, is_public=True)
    MarcImport.objects.filter(pk=job.pk).update(pid=int(gone.stdout))
    assert import_jobs_reap() == 1
    job.refresh_from_db()
    assert (job.status, job.detail) == ("interrupted", "process gone")


@pytest.mark.django_db
def test_only_the_same_file_resumes_an_interrupted_import():
    job = import_job_start(data=b"one file", file_name="a.mrc", merge=False, is_public=True)
    MarcImport.objects.filter(pk=job.pk).update(status="interrupted")
    with pytest.raises(ValidationError):
        mi.marc_import(data=b"another file", resume=job)
    finished = import_job_start(data=b"x", file_name="b.mrc", merge=False, is_public=True)
    MarcImport.objects.filter(pk=finished.pk).update(status="finished")
    with pytest.raises(ValidationError):
        mi.marc_import(data=b"x", resume=finished)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _manage(env: dict, *args: str, **kwargs):
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env, capture_output=True, text=True, timeout=300, check=True, **kwargs,
    )  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the helpers")
@pytest.mark.real_clock  # the import runs in its own processes, on the real clock
def test_a_killed_import_leaves_no_helper_and_an_interrupted_row_that_resumes(tmp_path):
    """SIGKILL the real `import_marc` process mid-file (helpers at work): the helpers die with it,
    the row says interrupted with exactly the committed counts, and --resume imports the rest."""
    n = 8000
    path = tmp_path / "big.mrc"
    path.write_bytes(corpus(n))
    assert path.stat().st_size >= 2_000_000  # large enough for the helper processes
    db = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        SHANYRAQ_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="shanyraq.settings",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    _manage(env, "migrate", "-v0")
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "import_marc", str(path)],
            env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        helpers: list[int] = []
        done = 0
        while time.monotonic() < deadline and process.poll() is None:
            helpers = [p for p in _children(process.pid) if "spawn_main" in _cmdline(p)]
            done = _progress(db)
            if len(helpers) == 2 and done >= 1000:
                break
            time.sleep(0.05)
        assert process.poll() is None, errors.read_text()[-2000:]
        assert len(helpers) == 2 and 1000 <= done < n
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [p for p in helpers if _alive(p)] == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    listing = _manage(env, "import_marc", "--jobs").stdout.split("\n")[0].split("\t")
    with sqlite3.connect(db) as conn:
        committed = conn.execute("SELECT COUNT(*) FROM library_record").fetchone()[0]
        job_id, status, done_through, created = conn.execute(
            "SELECT id, status, done_through, created FROM library_marcimport"
        ).fetchone()
    assert listing[:3] == [str(job_id), "interrupted", "big.mrc"]
    assert (done_through, created) == (committed, committed)
    assert 1000 <= committed < n

    _manage(env, "import_marc", str(path), "--resume", str(job_id))
    with sqlite3.connect(db) as conn:
        numbers = [row[0] for row in conn.execute("SELECT control_number FROM library_record")]
        resumed = conn.execute(
            "SELECT status, done_through, created, resumed_from_id FROM library_marcimport WHERE id != ?",
            [job_id],
        ).fetchone()
    assert sorted(numbers) == [f"KILL{i:07d}" for i in range(n)]
    assert resumed == ("finished", n, n, job_id)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _progress(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT MAX(done_through) FROM library_marcimport").fetchone()
    except sqlite3.Error:
        return 0
    return row[0] or 0 if row else 0


@pytest.mark.django_db
def test_uploading_the_file_of_an_interrupted_import_again_imports_only_the_rest(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from shanyraq.library.models import Record

    data = corpus(30)
    job = import_job_start(data=data, file_name="part.mrc", merge=False, is_public=True)
    # What a killed import had committed: the first 12 records, and a row still saying running.
    mi.marc_import(data=b"".join(_records(data)[:12]))
    MarcImport.objects.filter(pk=job.pk).update(
        done_through=12, created=12, pid=None, updated_at=job.started_at.replace(year=2000)
    )
    client = staff_client("librarian")
    page = client.get(reverse("library_staff:import"))
    assert [(j.pk, j.status) for j in page.context["imports"]][-1] == (job.pk, "interrupted")
    response = client.post(reverse("library_staff:import"), {"file": SimpleUploadedFile("part.mrc", data)})
    report = response.context["report"]
    assert [line.number for line in report.lines] == list(range(13, 31))
    assert report.job.resumed_from == job
    assert (report.job.status, report.job.done_through, report.job.created) == ("finished", 30, 30)
    assert Record.objects.count() == 30


def _records(data: bytes) -> list[bytes]:
    starts = reader.record_starts(data)
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]

"""Every file of tests/data/malformed/ fed to its importer through the staff page, in Russian:
a clear report or form error in the user's language, never a 5xx, nothing half-written.

The corpus grows with every bug (tests/data/malformed/make.py and its README): a new file needs no
new test, only, for a new kind of file, a line in KINDS.
"""

from __future__ import annotations

import re
import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from shanyraq.core.testdata import TEST_DATA

pytestmark = pytest.mark.undated  # hostile input: the same on every date


CORPUS = TEST_DATA / "malformed"
FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name not in ("README.md", "make.py"))
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Every importer must answer a hostile file within this much CPU and extra memory.
CPU_SECONDS = 10
EXTRA_MEMORY_KIB = 300_000


def test_the_corpus_is_there_and_every_file_has_an_importer_and_a_readme_line():
    readme = (CORPUS / "README.md").read_text()
    assert len(FILES) >= 30
    assert [p.name for p in FILES if p.name.split("-")[0] not in KINDS] == []
    assert [p.name for p in FILES if f"`{p.name}`" not in readme] == []


def _marc(client, path):
    from shanyraq.library.models import MarcImport, Record
    from shanyraq.library.services.marc_import import CREATED, ERROR, REASONS

    response = client.post(
        reverse("library_staff:import"),
        {"file": SimpleUploadedFile(path.name, path.read_bytes()), "dry_run": ""},
    )
    assert response.status_code == 200
    report = response.context["report"]
    if report is None:  # refused by the form (an empty file)
        (message,) = response.context["form"].errors["file"]
        assert CYRILLIC.search(message), message
        assert (Record.objects.count(), MarcImport.objects.count()) == (0, 0)
        return
    assert report.lines
    problems = [line for line in report.lines if line.status == ERROR or line.notes]
    assert problems, "a malformed file must report at least one problem"
    for line in problems:
        assert (line.reason in REASONS or not line.reason) and all(n in REASONS for n in line.notes)
        assert CYRILLIC.search(line.reason_text + line.notes_text), line.reason
    # Nothing half-written: the records are exactly the lines reported created, and the import's
    # row is finished with the same counts.
    (job,) = MarcImport.objects.all()
    created = [line.record_id for line in report.lines if line.status == CREATED]
    assert sorted(Record.objects.values_list("pk", flat=True)) == sorted(created)
    assert (job.status, job.created, job.errors) == ("finished", len(created), report.count(ERROR))


def _table(client, path):
    from shanyraq.collection.models import Artifact

    response = client.post(
        reverse("collection_staff:import"),
        {"file": SimpleUploadedFile(path.name, path.read_bytes()), "dry_run": ""},
    )
    assert response.status_code == 200
    report = response.context["report"]
    if report is None:
        (message,) = response.context["form"].errors["file"]
    else:
        assert report.errors and not report.written
        message = report.errors[0].message
    assert CYRILLIC.search(message), message
    assert Artifact.objects.count() == 0


def _image(client, path, settings, tmp_path):
    from shanyraq.collection.models import ArtifactImage
    from shanyraq.collection.tests.factories import ArtifactFactory

    settings.MEDIA_ROOT = tmp_path
    ArtifactFactory(accession_number="KCC.M.1")
    response = client.post(
        reverse("collection_staff:artifact_images", kwargs={"accession": "KCC.M.1"}),
        {"images": [SimpleUploadedFile(path.name, path.read_bytes())]},
    )
    assert response.status_code == 200
    (message,) = response.context["upload_form"].errors["images"]
    assert message.startswith(f"{path.name}: ") and CYRILLIC.search(message), message
    assert ArtifactImage.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


KINDS = {
    "marc": ("librarian", _marc),
    "csv": ("curator", _table),
    "xlsx": ("curator", _table),
    "image": ("curator", _image),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_malformed_file_is_reported_in_the_users_language_and_writes_nothing(
    path, staff_client, settings, tmp_path
):
    role, check = KINDS[path.name.split("-")[0]]
    client = staff_client(role)
    started = time.process_time()
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with translation.override("ru"):
        if check is _image:
            check(client, path, settings, tmp_path)
        else:
            check(client, path)
    assert time.process_time() - started < CPU_SECONDS
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < EXTRA_MEMORY_KIB

"""manage.py import_marc FILE [--dry-run] [--merge] [--resume ID]: the same import as the staff
upload page; `import_marc --jobs` lists the recent imports (a killed one shows as interrupted)."""

import contextlib
import signal
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from shanyraq.library.models import MarcImport
from shanyraq.library.services.import_jobs import import_jobs_reap
from shanyraq.library.services.marc_import import marc_import


@contextlib.contextmanager
def _stop_on_sigterm():
    """SIGTERM (a deploy, `kill`) ends the import like Ctrl-C: the helpers stop and the import's
    row says interrupted, with what was committed. (Only the main thread may set a handler.)"""
    try:
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    except ValueError:
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = "Import MARC21 or UNIMARC records (ISO 2709, MARCXML, MARC-in-JSON); report per record."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        parser.add_argument("--merge", action="store_true", help="Update records found by ISBN or 001.")
        parser.add_argument("--private", action="store_true", help="Hide the new records from the OPAC.")
        parser.add_argument(
            "--resume", type=int, metavar="ID", help="Continue an interrupted import of this same file."
        )
        parser.add_argument("--jobs", action="store_true", help="List the recent imports and their state.")

    def handle(self, *args, file, dry_run: bool, merge: bool, private: bool, resume, jobs: bool, **options):
        if jobs:
            import_jobs_reap()
            for job in MarcImport.objects.all()[:20]:
                self.stdout.write(
                    f"{job.pk}\t{job.status}\t{job.file_name}\tdone_through={job.done_through}"
                    f"\tcreated={job.created}\tmerged={job.merged}\tduplicates={job.duplicates}"
                    f"\terrors={job.errors}\t{job.started_at.isoformat()}"
                )
            return
        if not file:
            raise CommandError("give a FILE to import, or --jobs")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        job = None
        if resume is not None:
            job = MarcImport.objects.filter(pk=resume).first()
            if job is None:
                raise CommandError(f"no import {resume}")
        try:
            with _stop_on_sigterm():
                report = marc_import(
                    data=path.read_bytes(),
                    dry_run=dry_run,
                    merge=merge,
                    is_public=not private,
                    file_name=path.name,
                    resume=job,
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for line in report.lines:
            parts = [f"#{line.number}", line.control_number or "-", line.status_text]
            if line.reason:
                parts.append(line.reason_text)
            if line.notes:
                parts.append(line.notes_text)
            if line.title:
                parts.append(line.title)
            self.stdout.write("\t".join(str(p) for p in parts))
        self.stdout.write(" ".join(f"{k}={v}" for k, v in report.totals.items() if v))

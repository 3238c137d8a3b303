"""manage.py import_marc FILE [--dry-run] [--merge]: the same import as the staff upload page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shanyraq.library.services.marc_import import marc_import


class Command(BaseCommand):
    help = "Import MARC21 or UNIMARC records (ISO 2709, MARCXML, MARC-in-JSON); report per record."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        parser.add_argument("--merge", action="store_true", help="Update records found by ISBN or 001.")
        parser.add_argument("--private", action="store_true", help="Hide the new records from the OPAC.")

    def handle(self, *args, file: str, dry_run: bool, merge: bool, private: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        report = marc_import(data=path.read_bytes(), dry_run=dry_run, merge=merge, is_public=not private)
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

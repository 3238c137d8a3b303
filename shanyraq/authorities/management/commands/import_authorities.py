"""manage.py import_authorities PATH: MARC21 authority records (ISO 2709 or MARCXML) in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shanyraq.authorities.marc import import_authorities


class Command(BaseCommand):
    help = "Import MARC21 authority records (ISO 2709 or MARCXML); every bad record is reported, none stops the file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        report = import_authorities(data)
        for line in report.problems:
            self.stderr.write(line)
        self.stdout.write(f"created {report.created}, updated {report.updated}, problems {report.bad}")

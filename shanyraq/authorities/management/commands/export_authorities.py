"""manage.py export_authorities PATH [--format marcxml|iso2709]: every authority as MARC21."""

from pathlib import Path

from django.core.management.base import BaseCommand

from shanyraq.authorities.marc import export_queryset, iso2709, marcxml


class Command(BaseCommand):
    help = "Export every authority as MARC21 authority records (MARCXML or ISO 2709)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["marcxml", "iso2709"], default="marcxml")

    def handle(self, *args, path, format, **options):
        authorities = list(export_queryset())
        data = marcxml(authorities) if format == "marcxml" else iso2709(authorities)
        Path(path).write_bytes(data)
        self.stdout.write(f"exported {len(authorities)} authorities to {path}")

"""`manage.py import_walters PATH [--dry-run]`: the CC0 Walters records (JSON lines) through our import.

The repository carries a copy for its tests at tests/data/museum-objects-walters/walters_objects.jsonl.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shanyraq.collection.management.commands.import_artifacts import print_report
from shanyraq.collection.services.walters import walters_import
from shanyraq.collection.vocabularies import vocabularies_load


class Command(BaseCommand):
    help = "Import the Walters Art Museum CC0 records (credit: The Walters Art Museum, Baltimore)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a JSON-lines file of Walters object records")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, dry_run=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        vocabularies_load()
        report = walters_import(actor=None, path=source, dry_run=dry_run)
        print_report(self, report, dry_run)
        if report.errors:
            raise CommandError("Nothing was imported.")

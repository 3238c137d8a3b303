"""`manage.py import_walters [PATH] [--dry-run]`: the CC0 Walters records through our import."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shanyraq.collection.management.commands.import_artifacts import print_report
from shanyraq.collection.services.walters import walters_import
from shanyraq.collection.vocabularies import vocabularies_load


def default_path() -> Path:
    data = Path(os.environ.get("SHANYRAQ_SHARED_DATA", Path(settings.BASE_DIR).parent / "shared" / "data"))
    return data / "museum-objects-walters" / "walters_objects.jsonl"


class Command(BaseCommand):
    help = "Import the Walters Art Museum CC0 records (credit: The Walters Art Museum, Baltimore)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path=None, dry_run=False, **options):
        vocabularies_load()
        report = walters_import(actor=None, path=Path(path) if path else default_path(), dry_run=dry_run)
        print_report(self, report, dry_run)
        if report.errors:
            raise CommandError("Nothing was imported.")

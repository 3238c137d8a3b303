"""manage.py load_authorities [PATH]: the starter authority file (or another in its format)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from shanyraq.authorities.starter import STARTER, load_starter


class Command(BaseCommand):
    help = "Load the starter authority file (persons, places, works, bodies in four languages)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(STARTER))

    def handle(self, *args, path, **options):
        created, updated = load_starter(Path(path))
        self.stdout.write(f"created {created}, updated {updated}")

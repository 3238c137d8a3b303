from django.core.management.base import BaseCommand

from shanyraq.core.catalogs import compile_all


class Command(BaseCommand):
    help = "Compile every gettext catalog (.po -> .mo) with polib; no GNU gettext needed."

    def handle(self, *args, **options):
        self.stdout.write(f"compiled {compile_all()} catalogs")

"""Load the demo center: site and spaces first, then each module's own demo data."""

from importlib import import_module

from django.core.management.base import BaseCommand

from shanyraq.core.roles import sync_roles
from shanyraq.search.services import reindex_all
from shanyraq.site import demo as site_demo
from shanyraq.site.models import Page

MODULE_DEMOS = ["collection", "library", "programs", "exchange", "newsletter", "authorities"]


class Command(BaseCommand):
    help = "Load the Beijing demo center (staff logins, spaces, artifacts, books, programs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo is already there."
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Page.objects.filter(slug="about").exists():
            self.stdout.write("demo center already loaded")
            return
        sync_roles()
        self.stdout.write(f"site: {site_demo.load()}")
        for app in MODULE_DEMOS:
            try:
                module = import_module(f"shanyraq.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"shanyraq.{app}.demo":
                    raise
                continue
            self.stdout.write(f"{app}: {module.load()}")
        self.stdout.write(f"search index: {reindex_all()}")

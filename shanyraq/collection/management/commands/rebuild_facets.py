"""Recount the public collection's facet cells from scratch (after loading artifacts with raw SQL,
or to repair counts; service writes keep them current on their own)."""

from django.core.management.base import BaseCommand

from shanyraq.collection.services.facets import facets_rebuild


class Command(BaseCommand):
    help = "Recount the facet cells of the public collection page."

    def handle(self, *args, **options):
        cells = facets_rebuild()
        self.stdout.write(f"{cells} facet cells")

"""manage.py optimize_search: merge the search index (daily, from the scheduler, and after a
large import run by hand). See search.services.search_index_optimize."""

from django.core.management.base import BaseCommand

from shanyraq.search.services import search_index_optimize


class Command(BaseCommand):
    help = "Merge the full-text search index into its most compact form (run daily)."

    def handle(self, *args, **options):
        seconds = search_index_optimize()
        self.stdout.write(f"search index optimized in {seconds:.1f} s")

from django.core.management.base import BaseCommand

from shanyraq.search.services import reindex_all, search_index_optimize


class Command(BaseCommand):
    help = "Rebuild the whole search index from every module's records."

    def handle(self, *args, **options):
        for kind, count in reindex_all().items():
            self.stdout.write(f"{kind}: {count}")
        search_index_optimize()  # one compact index instead of one segment per batch

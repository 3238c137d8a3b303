"""Expire holds not collected in time and pass their copies to the next patron in the queue."""

from django.core.management.base import BaseCommand

from shanyraq.library.services.circulation import holds_expire


class Command(BaseCommand):
    help = "Expire uncollected holds (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"expired holds: {holds_expire()}")

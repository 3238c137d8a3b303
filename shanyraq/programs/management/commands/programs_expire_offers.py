"""Run every few minutes (cron or the task worker): expired seat offers pass to the next in line."""

from django.core.management.base import BaseCommand

from shanyraq.programs.services.registrations import offers_expire


class Command(BaseCommand):
    help = "Cancel expired waiting-list offers and offer the seats to the next people in line."

    def handle(self, *args, **options):
        self.stdout.write(f"expired offers: {offers_expire()}")

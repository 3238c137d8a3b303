"""Forget who borrowed what N days after return (LIBRARY_LOAN_HISTORY_DAYS, default 30), unless kept."""

from django.core.management.base import BaseCommand

from shanyraq.library.services.privacy import loans_anonymize


class Command(BaseCommand):
    help = "Anonymize returned loans older than the history period, except for patrons who opted in."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        self.stdout.write(f"anonymized loans: {loans_anonymize(days=days)}")

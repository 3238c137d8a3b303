"""Forget who borrowed or reserved what N days on (LIBRARY_LOAN_HISTORY_DAYS, default 30), unless kept."""

from django.core.management.base import BaseCommand

from shanyraq.library.services.privacy import history_anonymize


class Command(BaseCommand):
    help = (
        "Anonymize returned loans and finished holds older than the history period, and their audit"
        " rows, except for patrons who opted in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        loans, holds = history_anonymize(days=days)
        self.stdout.write(f"anonymized loans: {loans}\nanonymized holds: {holds}")

"""Send the e-mails that are due (the scheduler runs this every few minutes; safe beside the worker)."""

from django.core.management.base import BaseCommand

from shanyraq.mail.services import outbox_prune, outbox_send_due


class Command(BaseCommand):
    help = "Send every outbox e-mail that is due; with --prune, also delete old sent messages."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="send at most this many")
        parser.add_argument("--prune", action="store_true", help="delete sent messages past retention")

    def handle(self, *args, limit=None, prune=False, **options):
        report = outbox_send_due(limit=limit)
        self.stdout.write(f"outbox: {report.sent} sent, {report.retrying} to retry, {report.failed} failed")
        if prune:
            self.stdout.write(f"outbox: {outbox_prune()} old sent messages deleted")

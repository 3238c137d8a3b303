"""Send a mailing now in this process (what the worker's task does), or everything due."""

from django.core.management.base import BaseCommand

from shanyraq.newsletter.services.sending import mailing_send, send_due


class Command(BaseCommand):
    help = "Send a newsletter mailing (or, without --mailing, start and send everything due)."

    def add_arguments(self, parser):
        parser.add_argument("--mailing", type=int)
        parser.add_argument("--rate", type=float, default=None, help="messages per second (0: no limit)")

    def handle(self, *args, mailing=None, rate=None, **options):
        report = mailing_send(mailing_id=mailing, rate=rate) if mailing else send_due()
        self.stdout.write(
            f"newsletter: {report.sent} sent, {report.retrying} to retry, {report.failed} failed"
        )

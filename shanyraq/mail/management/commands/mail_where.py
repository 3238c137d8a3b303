"""Print one line saying where e-mails go (for the `make run` banner)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from shanyraq.mail.conf import delivery_line


class Command(BaseCommand):
    help = "Say where e-mails go: the demo mailbox page, or the SMTP server."

    def handle(self, *args, **options):
        self.stdout.write(delivery_line(settings.SITE_URL))

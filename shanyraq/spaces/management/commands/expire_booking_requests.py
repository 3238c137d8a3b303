"""Run every few minutes (the scheduler calls it): outside booking requests nobody approved in time expire."""

from django.core.management.base import BaseCommand

from shanyraq.spaces.services import booking_requests_expire


class Command(BaseCommand):
    help = (
        "Expire outside booking requests not approved within SPACES_REQUEST_EXPIRE_HOURS, freeing the time."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"expired booking requests: {booking_requests_expire()}")

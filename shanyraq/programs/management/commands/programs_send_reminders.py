"""Run once a day: reminders to everyone with a seat in tomorrow's sessions."""

import datetime as dt

from django.core.management.base import BaseCommand

from shanyraq.programs.services.registrations import reminders_send


class Command(BaseCommand):
    help = "E-mail a reminder to everyone registered for a session tomorrow (or --day YYYY-MM-DD)."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, day=None, **options):
        self.stdout.write(f"reminders sent: {reminders_send(day=day)}")

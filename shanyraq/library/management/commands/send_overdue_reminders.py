"""Enqueue the overdue reminder task (each patron is written to in their own language)."""

from django.core.management.base import BaseCommand

from shanyraq.library.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Send overdue reminders by e-mail (run daily)."

    def handle(self, *args, **options):
        result = send_overdue_reminders.enqueue()
        self.stdout.write(f"overdue reminders task: {result.id}")

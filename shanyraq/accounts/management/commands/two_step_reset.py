from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from shanyraq.accounts.services import totp_device_reset


class Command(BaseCommand):
    help = "Remove a login's authenticator (lost phone); it sets up a new one at its next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no login {username}")
        totp_device_reset(user=user, actor=None)
        self.stdout.write(f"{username}: authenticator removed")

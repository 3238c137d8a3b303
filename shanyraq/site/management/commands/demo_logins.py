from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from shanyraq.site.demo import DEMO_PASSWORD, logins


class Command(BaseCommand):
    help = "Print the demo staff logins."

    def handle(self, *args, **options):
        site = settings.SITE_URL
        self.stdout.write(f"Demo staff logins (sign in at {site}/staff/):")
        for role, username, password in logins():
            self.stdout.write(f"  {role:<22} {username:<20} {password}")
        if get_user_model().objects.filter(username="reader").exists():
            self.stdout.write(f"Library patron (sign in at {site}/library/account/login/):")
            self.stdout.write(f"  {'Patron':<22} {'reader':<20} {DEMO_PASSWORD}")

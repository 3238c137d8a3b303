from django.core.management.base import BaseCommand

from shanyraq.site.demo import logins


class Command(BaseCommand):
    help = "Print the demo staff logins."

    def handle(self, *args, **options):
        self.stdout.write("Demo staff logins (sign in at http://127.0.0.1:8000/staff/):")
        for role, username, password in logins():
            self.stdout.write(f"  {role:<22} {username:<20} {password}")

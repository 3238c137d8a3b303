from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from shanyraq.accounts.selectors import totp_device
from shanyraq.site.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_totp_key, logins


class Command(BaseCommand):
    help = "Print the demo staff logins (and the demo director's two-step sign-in key)."

    def handle(self, *args, **options):
        site = settings.SITE_URL
        self.stdout.write(f"Demo staff logins (sign in at {site}/staff/):")
        for role, username, password in logins():
            self.stdout.write(f"  {role:<22} {username:<20} {password}")
        demo_devices = [
            user.username
            for user in get_user_model().objects.filter(username__in=[name for _r, name, _p in logins()])
            if (device := totp_device(user)) is not None and device.key == demo_totp_key()
        ]
        if demo_devices:
            spaced = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))
            self.stdout.write(
                f"Two-step sign-in ({', '.join(demo_devices)}): after the password, enter a code from an "
                f"authenticator app with the key {spaced},\n  or print the current code with "
                "`.venv/bin/python manage.py demo_code`."
            )
        patron = get_user_model().objects.filter(username="reader").select_related("person__patron").first()
        if patron is not None:
            person = getattr(patron, "person", None)
            card = getattr(getattr(person, "patron", None), "barcode", "reader")
            self.stdout.write(f"Library patron (sign in at {site}/library/account/login/):")
            self.stdout.write(f"  {'Patron':<22} {card:<20} {DEMO_PASSWORD}  (card number or {person.email})")

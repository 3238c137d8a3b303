from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from shanyraq.accounts.selectors import totp_device
from shanyraq.site.demo import demo_totp_key, logins


class Command(BaseCommand):
    help = "Print the current two-step sign-in code of the demo director (only for the public demo key)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="director")

    def handle(self, *args, username, **options):
        if username not in {name for _role, name, _password in logins()}:
            raise CommandError(f"{username} is not a demo login")
        user = get_user_model().objects.filter(username=username).first()
        device = totp_device(user) if user is not None else None
        if device is None or device.key != demo_totp_key():
            raise CommandError(f"{username} has no demo authenticator (its key was changed: use that app)")
        token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
        self.stdout.write(f"{token:0{device.digits}d}")

"""Test settings for a worker subprocess that talks SMTP to the test's aiosmtpd server."""

import os

from shanyraq.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", "0"))
NEWSLETTER_BATCH = int(os.environ.get("NEWSLETTER_BATCH", "20"))

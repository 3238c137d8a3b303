"""Test settings: expose bugs (non-UTC zone, warnings as errors, immediate tasks)."""

import os
from pathlib import Path

os.environ.setdefault("SHANYRAQ_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test"))

from shanyraq.settings import *  # noqa: E402,F403
from shanyraq.settings import DATABASES, STORAGES, VAR_DIR  # noqa: E402

TIME_ZONE = "Asia/Shanghai"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One SMTP connection per mailing: most tests run inside a transaction another thread cannot see;
# the tests of parallel sending ask for two (newsletter/tests/test_sending.py).
NEWSLETTER_SMTP_CONNECTIONS = 1
# Tests that sign in as a director with force_login would need a device; the two-factor tests turn it on.
ACCOUNTS_TWO_FACTOR_REQUIRED = False
# Most tests schedule sessions relative to today, on any weekday and hour; the opening-hours tests
# (programs/tests/test_opening_hours.py) set the center's hours themselves. Closed days still apply.
SPACES_OPENING_HOURS: dict = {}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MEDIA_ROOT = VAR_DIR / "media"
if DATABASES["default"]["ENGINE"] == "shanyraq.core.sqlite":
    # A file, not :memory:, so tests that race real threads or processes share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

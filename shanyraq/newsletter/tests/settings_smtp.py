"""Test settings for a worker subprocess that talks SMTP to the test's aiosmtpd server."""

import os

from shanyraq.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", "0"))
NEWSLETTER_SMTP_CONNECTIONS = int(os.environ.get("NEWSLETTER_SMTP_CONNECTIONS", "1"))
NEWSLETTER_BATCH = int(os.environ.get("NEWSLETTER_BATCH", "20"))

# A real SIGKILL at a chosen point of the N-th message (the test names it), so both recovery
# paths are exercised every run: "before_handed:N" dies after the N-th message's content reached
# the server but before its `handed` commit and its end-of-data dot (the server discards it);
# "after_dot:N" dies right after the N-th dot is written, before the server's answer is read.
CRASH = os.environ.get("NEWSLETTER_TEST_CRASH", "")
if CRASH:
    import signal
    import smtplib

    _point, _n = CRASH.split(":")
    _send = smtplib.SMTP.send
    _seen = {"content": 0, "dots": 0}

    def _crashing_send(self, s):
        if _point == "before_handed" and isinstance(s, bytes) and s != b".\r\n" and len(s) > 1000:
            _seen["content"] += 1
            if _seen["content"] == int(_n):
                _send(self, s)
                os.kill(os.getpid(), signal.SIGKILL)
        result = _send(self, s)
        if s == b".\r\n":
            _seen["dots"] += 1
            if _point == "after_dot" and _seen["dots"] == int(_n):
                os.kill(os.getpid(), signal.SIGKILL)
        return result

    smtplib.SMTP.send = _crashing_send

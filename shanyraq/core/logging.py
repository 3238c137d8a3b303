"""Keep personal data out of logs.

Django logs the request path on errors, and paths can carry e-mail addresses or tokens
(`?email=..`, `/cancel/<token>/`). This filter masks e-mail addresses, long tokens and phone
numbers in every record before any handler sees it.
"""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{24,}(?![\w-])")


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    text = TOKEN.sub("[token]", text)
    return PHONE.sub("[phone]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not our problem to raise here
            return True
        record.msg = redact(message)
        record.args = ()
        return True

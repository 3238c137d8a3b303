import logging

from shanyraq.core.logging import RedactPersonalData, redact


def test_redact_masks_email_phone_and_tokens():
    text = "GET /cancel/Zx9aB3cD4eF5gH6iJ7kL8mN9oP0qR/ by ana.k@example.kz +86 138 0013 8000"
    assert redact(text) == "GET /cancel/[token]/ by [email] [phone]"


def test_filter_rewrites_log_record_without_dropping_it():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "patron %s failed", ("li@example.cn",), None)
    assert RedactPersonalData().filter(record) is True
    assert record.getMessage() == "patron [email] failed"

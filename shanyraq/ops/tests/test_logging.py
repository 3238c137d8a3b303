import json
import logging
import sys

from shanyraq.ops.logging import JsonFormatter


def test_json_log_line_carries_level_logger_and_a_redacted_message_and_traceback():
    try:
        raise ValueError("bad address ana@example.org")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "shanyraq.library", logging.ERROR, __file__, 1, "mail to %s failed", ("ana@example.org",), exc_info
    )
    record.created = 1796695200.0  # 2026-12-08 02:00:00 UTC
    entry = json.loads(JsonFormatter().format(record))
    assert {k: entry[k] for k in ["time", "level", "logger", "message"]} == {
        "time": "2026-12-08T02:00:00.000+00:00",
        "level": "ERROR",
        "logger": "shanyraq.library",
        "message": "mail to [email] failed",
    }
    assert entry["exception"].endswith("ValueError: bad address [email]")

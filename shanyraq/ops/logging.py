"""LOG_FORMAT=json: one JSON object per line, for a log collector.

The handler's RedactPersonalData filter has already masked the message; the formatter masks the
traceback too, and adds nothing about the visitor (no IP, no user, no query string).
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from shanyraq.core.logging import redact


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "process": record.process,
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)

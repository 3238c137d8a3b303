"""Settings of the spaces module with their defaults, read at call time (override in settings.py)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # An outside booking request may cover at most this many hours (a day of events by default).
    "SPACES_REQUEST_MAX_HOURS": 12,
    # ... and start at most this many days ahead.
    "SPACES_REQUEST_MAX_DAYS_AHEAD": 365,
    # A request nobody approves within this many hours expires and frees the time.
    "SPACES_REQUEST_EXPIRE_HOURS": 72,
    # Outside requests per visitor IP: "count/seconds".
    "SPACES_REQUEST_RATE": "5/3600",
    # Field lengths of the public request form.
    "SPACES_NAME_MAX_LENGTH": 200,
    "SPACES_PURPOSE_MAX_LENGTH": 300,
    # When sessions and bookings may take place, per weekday (0 = Monday): (opens, closes) in the
    # center's time zone; a weekday not listed is closed (Monday). Empty: no hours are enforced.
    # Closed days (holidays) are ClosedDay rows. Staff may book outside them with a reason.
    "SPACES_OPENING_HOURS": dict.fromkeys(range(1, 7), ("09:00", "21:00")),
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])

"""Settings of the exchange module with their defaults, read at call time (override in settings.py)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # A join request whose e-mail (or guardian's consent) is not confirmed within this many days
    # is deleted with everything it holds (tasks.prune_joins).
    "EXCHANGE_JOIN_EXPIRE_DAYS": 7,
    # Youngest and oldest member.
    "EXCHANGE_MIN_AGE": 14,
    "EXCHANGE_MAX_AGE": 30,
    # Minors are suggested only to minors at most this many years apart.
    "EXCHANGE_MINOR_AGE_BAND": 2,
    # Messages per member: "count/seconds" (core.ratelimit).
    "EXCHANGE_MESSAGE_RATE": "30/600",
    "EXCHANGE_MESSAGE_MAX_LENGTH": 2000,
    # Tandem requests per member per day.
    "EXCHANGE_REQUEST_RATE": "10/86400",
    # Candidates read per language-pair key and direction before scoring (matching selectivity).
    "EXCHANGE_CANDIDATES_PER_KEY": 80,
    # The space kinds where supervised meetings are booked, and the meeting length limits.
    "EXCHANGE_MEETING_SPACE_KINDS": ["classroom", "library"],
    "EXCHANGE_MEETING_MAX_HOURS": 3,
    # A reminder is e-mailed this many hours before a meeting.
    "EXCHANGE_REMINDER_HOURS": 24,
    "EXCHANGE_IMAGE_MAX_BYTES": 8 * 1024 * 1024,
    "EXCHANGE_IMAGE_MAX_PIXELS": 40_000_000,
    "EXCHANGE_IMAGE_DISPLAY_PX": 1600,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])

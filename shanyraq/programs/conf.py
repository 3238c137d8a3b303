"""Settings of the programs module with their defaults, read at call time.

Override any of them in settings.py (or with the environment variable of the same name, for
the rate limit): `getattr(settings, NAME, default)`.
"""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS = {
    # Public registrations per visitor IP: "count/seconds" ("0/1" turns the limit off).
    "PROGRAMS_REGISTRATION_RATE": "20/600",
    # A group booking of more seats than this holds nothing until the booker confirms the
    # e-mail address (the link in the e-mail) or staff approve it; up to this size it is
    # confirmed at once like any registration.
    "PROGRAMS_GROUP_VERIFY_ABOVE": 6,
    # The most children one registration form or API request may name.
    "PROGRAMS_MAX_CHILDREN": 10,
    # Field lengths of a public registration (checked before anything is written).
    "PROGRAMS_NAME_MAX_LENGTH": 200,
    "PROGRAMS_EMAIL_MAX_LENGTH": 254,
    "PROGRAMS_PHONE_MAX_LENGTH": 40,
    "PROGRAMS_GROUP_NAME_MAX_LENGTH": 200,
    # Hours a seat offered from the waiting list is kept.
    "PROGRAMS_OFFER_HOURS": 24,
}


def get(name: str):
    if name == "PROGRAMS_REGISTRATION_RATE":
        return getattr(settings, name, None) or os.environ.get("SHANYRAQ_REGISTRATION_RATE", DEFAULTS[name])
    return getattr(settings, name, DEFAULTS[name])

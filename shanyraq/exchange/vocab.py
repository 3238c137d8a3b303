"""The fixed vocabularies of member profiles: levels, languages, interests, time blocks.

Pure code (no database): the matching scores and the bench use the same bit masks.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_locale

LEVELS = [(1, "A1"), (2, "A2"), (3, "B1"), (4, "B2"), (5, "C1"), (6, "C2"), (7, _("native"))]
LEVEL_CODES = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}

# ISO 639-1 codes members choose from; names come from CLDR in the reader's language.
LANGUAGES = ["zh", "kk", "ru", "en", "uz", "ky", "tr", "de", "fr", "es", "ja", "ko", "ar", "ug", "mn"]

INTERESTS = [
    ("music", _("Music")),
    ("films", _("Films")),
    ("books", _("Books")),
    ("sport", _("Sport")),
    ("games", _("Games")),
    ("art", _("Art")),
    ("history", _("History")),
    ("science", _("Science")),
    ("tech", _("Technology")),
    ("travel", _("Travel")),
    ("food", _("Cooking")),
    ("nature", _("Nature")),
    ("dance", _("Dance")),
    ("photo", _("Photography")),
    ("business", _("Business")),
    ("crafts", _("Crafts")),
]
INTEREST_CODES = [code for code, _label in INTERESTS]

# Availability is kept as weekday ranges and matched as 2-hour blocks from 06:00 to 22:00.
FIRST_HOUR, LAST_HOUR, BLOCK_HOURS = 6, 22, 2
BLOCKS_PER_DAY = (LAST_HOUR - FIRST_HOUR) // BLOCK_HOURS


@functools.lru_cache(maxsize=256)
def language_name(code: str, reader_language: str) -> str:
    """The CLDR name of a language in the reader's language (cached: parsing a locale is slow)."""
    try:
        return Locale.parse(to_locale(reader_language)).languages.get(code, code)
    except (ValueError, TypeError):
        return code


@functools.lru_cache(maxsize=512)
def territory_name(code: str, reader_language: str) -> str:
    """The CLDR name of a country (ISO 3166 code) in the reader's language."""
    try:
        return Locale.parse(to_locale(reader_language)).territories.get(code, code)
    except (ValueError, TypeError):
        return code


def interest_mask(codes: list[str]) -> int:
    return sum(1 << INTEREST_CODES.index(c) for c in set(codes) if c in INTEREST_CODES)


def availability_mask(ranges: list[dict]) -> int:
    """[{"day": 0..6, "start": "HH:MM", "end": "HH:MM"}] -> one bit per 2-hour block touched."""
    mask = 0
    for r in ranges:
        start = dt.time.fromisoformat(r["start"])
        end = dt.time.fromisoformat(r["end"])
        for block in range(BLOCKS_PER_DAY):
            block_start = FIRST_HOUR + block * BLOCK_HOURS
            if start.hour < block_start + BLOCK_HOURS and (
                end.hour > block_start or (end.hour == block_start and end.minute > 0)
            ):
                mask |= 1 << (r["day"] * BLOCKS_PER_DAY + block)
    return mask


def parse_availability(text: str) -> list[dict]:
    """'0 18:00-20:00; 5 10:00-14:00' (weekday 0 = Monday) -> ranges; ValueError on bad input."""
    ranges = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        day, times = part.split()
        start, end = times.split("-")
        day_i = int(day)
        s, e = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
        if not 0 <= day_i <= 6 or e <= s:
            raise ValueError(part)
        ranges.append({"day": day_i, "start": s.strftime("%H:%M"), "end": e.strftime("%H:%M")})
    return ranges


def meeting_bits(meeting: str) -> int:
    return {"center": 1, "online": 2, "both": 3}.get(meeting, 1)

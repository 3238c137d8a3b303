"""A per-IP rate limit for public registration, kept in the cache (shared between workers when
the cache is the database or another shared backend)."""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.core.cache import cache


def _limit() -> tuple[int, int]:
    raw = getattr(settings, "PROGRAMS_REGISTRATION_RATE", None) or os.environ.get(
        "SHANYRAQ_REGISTRATION_RATE", "20/600"
    )
    count, seconds = raw.split("/")
    return int(count), int(seconds)


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope: str = "register") -> bool:
    """Count one attempt; False once the IP has used up its allowance for the window."""
    count, seconds = _limit()
    if count <= 0:
        return True
    window = int(time.time() // seconds)
    key = f"programs:rl:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=seconds + 5):
        return True
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=seconds + 5)
        used = 1
    return used <= count

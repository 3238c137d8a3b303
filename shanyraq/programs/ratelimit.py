"""The per-visitor rate limit of public registration (form and API), shared by every worker
through the cache (see core/ratelimit.py and core/clientip.py)."""

from __future__ import annotations

from shanyraq.core import ratelimit
from shanyraq.programs import conf


def allow(request, scope: str = "register") -> bool:
    """Count one attempt; False once the visitor's IP has used up its allowance for the window."""
    rate = ratelimit.Rate.parse(conf.get("PROGRAMS_REGISTRATION_RATE"))
    return ratelimit.allow(request, f"programs:{scope}", rate)

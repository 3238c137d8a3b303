"""A fixed-window rate limit kept in the shared cache, exact across processes and machines.

Counting with `cache.incr` is a read-then-write on the database cache, so two workers can both
read 19 and both write 20. Instead each attempt claims the next free numbered slot with
`cache.add`, which is atomic on every backend we run (an INSERT that the primary key refuses
on the database cache, SET NX on Redis). A hint key remembers the highest slot claimed so far,
so an attempt usually costs two or three cache calls; the hint may lag, never lead, because it
is written only after its slot was claimed and every attempt walks upwards from it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

from shanyraq.core.clientip import client_ip


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'20/600': 20 attempts per 600 seconds; a count of 0 turns the limit off."""
        count, seconds = str(text).split("/")
        return cls(int(count), max(1, int(seconds)))


def hit(key: str, rate: Rate, now: float | None = None) -> bool:
    """Count one attempt under `key`; False once the window's allowance is used up."""
    if rate.count <= 0:
        return True
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    base = f"rl:{key}:{window}"
    timeout = rate.seconds + 5
    start = int(cache.get(f"{base}:hint") or 0) + 1
    for slot in range(start, rate.count + 1):
        if cache.add(f"{base}:{slot}", 1, timeout=timeout):
            cache.set(f"{base}:hint", slot, timeout=timeout)
            return True
    return False


def allow(request, scope: str, rate: Rate) -> bool:
    """Count one attempt of this visitor (their IP, see core/clientip.py) in `scope`."""
    return hit(f"{scope}:{client_ip(request)}", rate)

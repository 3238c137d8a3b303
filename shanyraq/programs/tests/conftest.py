from pathlib import Path

import pytest
from django.conf import settings

# WhiteNoise warns (an error in tests) when STATIC_ROOT does not exist yet on a clean clone.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _cache_clear():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield

import pytest


@pytest.fixture(autouse=True)
def _cache_clear():
    from django.core.cache import cache

    cache.clear()
    yield

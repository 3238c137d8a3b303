from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists():
    """WhiteNoise warns (an error under our test settings) when STATIC_ROOT is missing on a fresh clone."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request to /kk/... leaves Kazakh active in the thread; tests that run next (search's
    fallback for an unknown language follows the active one) must not inherit it."""
    yield
    from django.utils import translation

    translation.deactivate()

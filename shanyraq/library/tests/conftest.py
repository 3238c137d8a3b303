from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists():
    """WhiteNoise warns (an error under our test settings) when STATIC_ROOT is missing on a fresh clone."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

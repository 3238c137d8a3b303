import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return Path(os.environ.get("SHANYRAQ_SHARED_DATA", Path(settings.BASE_DIR).parent / "shared" / "data"))

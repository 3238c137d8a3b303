"""Where the shared real MARC files are (next to the repository in CI; SHANYRAQ_SHARED_DATA elsewhere)."""

import os
from pathlib import Path

from django.conf import settings

DATA = Path(os.environ.get("SHANYRAQ_SHARED_DATA", Path(settings.BASE_DIR).parent / "shared" / "data"))


def files(folder: str) -> list[Path]:
    directory = DATA / folder
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name != "README.md")

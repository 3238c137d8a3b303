"""Where the suite's real public test data lives: `tests/data/` inside the repository.

A clone has nothing beside it, so MARC files, museum records and transliteration tables are copied
in with their sources and licences (tests/data/README.md and each folder's README).
"""

from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent.parent.parent / "tests" / "data"

"""Where the real MARC files are: tests/data/ inside the repository."""

from pathlib import Path

from shanyraq.core.testdata import TEST_DATA as DATA


def files(folder: str) -> list[Path]:
    directory = DATA / folder
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name != "README.md")

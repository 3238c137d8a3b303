"""Uploads are all or nothing: files saved during a write go again if the write fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def files_rolled_back() -> Iterator[list]:
    """Append each saved FieldFile to the yielded list; if the block raises, they are deleted."""
    stored: list = []
    try:
        yield stored
    except Exception:
        for f in stored:
            f.storage.delete(f.name)
        raise

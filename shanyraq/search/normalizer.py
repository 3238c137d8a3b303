"""Turns any text into search keys. Pure: no database, no Django."""

from __future__ import annotations

import unicodedata


def keys(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    stripped = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return [w for w in "".join(c if c.isalnum() else " " for c in stripped).split() if w]

"""Which script a name is written in, detected from its letters (no database, no Django).

Catalogue rules record the script of every variant form (MARC $6 script codes, ISO 15924):
a librarian should not have to say that «Абай» is Cyrillic.
"""

from __future__ import annotations

import unicodedata

CYRILLIC = "Cyrl"
LATIN = "Latn"
HAN = "Hani"
ARABIC = "Arab"
OTHER = "Zyyy"

_PREFIXES = (("CYRILLIC", CYRILLIC), ("LATIN", LATIN), ("CJK", HAN), ("ARABIC", ARABIC))
# MARC 880 $6 script identification codes (MARC 21 Specifications, "Code list for scripts").
MARC_CODES = {ARABIC: "(3", CYRILLIC: "(N", HAN: "$1", LATIN: "(B"}


def detect_script(text: str) -> str:
    """The script most letters of `text` are in; OTHER when it has no letters we know."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _PREFIXES:
            if name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return OTHER
    return max(counts.items(), key=lambda kv: kv[1])[0]  # a tie goes to the script seen first


def script_of_marc_code(code: str) -> str:
    """Script from a MARC $6 script code ("(N" → Cyrillic); "" when unknown."""
    for script, marc in MARC_CODES.items():
        if code.strip() == marc:
            return script
    return ""

"""What both protocols need of XML text."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot carry (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
# A catalogued MARC field can hold one (a stray subfield delimiter, 0x1F); so can a query.
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """The text with every character XML cannot carry replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", text)

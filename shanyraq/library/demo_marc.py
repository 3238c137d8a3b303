"""The demo library's MARC part: real records from the public MARC files in tests/data (their
sources and licences are in each folder's README there), the ones in the center's four languages,
one per title, written once to `demo_records.xml` (MARCXML, UTF-8) so the demo loads them through
the real importer without the test data beside the package.

Rebuild after changing the selection (a maintainer's step, not part of `load_demo`):

    .venv/bin/python -c "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'shanyraq.settings'; \
django.setup(); from shanyraq.library import demo_marc; print(demo_marc.build())"
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from pymarc import record_to_xml

from shanyraq.library.marc import reader, to_data

DEMO_MARC = Path(__file__).with_name("demo_records.xml")
FOLDERS = ["marc21-english", "marc-multiscript-880", "unimarc-rusmarc", "marc-edge-cases"]
LANGUAGES = {"chi", "eng", "kaz", "rus"}
# Control characters some source records carry (XML 1.0 cannot hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CHARS = 20_000  # a few edge-case records carry megabytes of repeated fields: not a demo's books


def _key(title: str, language: str) -> tuple[str, str]:
    return " ".join(title.casefold().split()).strip(" /:;.,"), language


def select(known: set[tuple[str, str]]) -> list[tuple[str, object]]:
    """(source file, pymarc record) of each usable record in our languages whose title is new."""
    from shanyraq.core.testdata import TEST_DATA

    chosen, seen = [], set(known)
    for folder in FOLDERS:
        for path in sorted((TEST_DATA / folder).iterdir()):
            if path.suffix == ".md":
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                entries = list(reader.read(path.read_bytes()))
            for entry in entries:
                if entry.record is None or entry.error:
                    continue
                try:
                    _flavour, data = to_data(entry.record)
                except Exception:  # noqa: BLE001, S112 - a record the importer would refuse is left out
                    continue
                key = _key(data.title or "", data.language)
                if not data.title or data.language not in LANGUAGES or key in seen:
                    continue
                if reader.lost_escapes(data.title):
                    continue  # a demo shows readable titles, not "$1!2H!?5!T2(B"
                seen.add(key)
                chosen.append((f"{folder}/{path.name}", entry.record))
    return chosen


def _reads_back(xml: str) -> bool:
    """Whether the importer reads the written record as one of ours (a malformed 008 can lose its
    language on the way through MARCXML)."""
    wrapped = f'<collection xmlns="http://www.loc.gov/MARC21/slim">{xml}</collection>'.encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        entry = next(reader.read(wrapped))
    return entry.record is not None and to_data(entry.record)[1].language in LANGUAGES


def build() -> int:
    """Write demo_records.xml; returns the number of records."""
    from shanyraq.library.demo import rows

    known = {_key(row["title"], row["language"]) for row in rows()}
    chosen = select(known)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n']
    count = 0
    for source, record in chosen:
        leader = list(str(record.leader))
        leader[9] = "a"  # the text is Unicode now, whatever the source file's encoding was
        record.leader = "".join(leader)
        xml = NOT_XML.sub("", record_to_xml(record, namespace=False).decode("utf-8"))
        if len(xml) > MAX_CHARS or not _reads_back(xml):
            continue
        parts += [f"<!-- {source} -->\n", xml, "\n"]
        count += 1
    parts.append("</collection>\n")
    DEMO_MARC.write_text("".join(parts), encoding="utf-8")
    return count

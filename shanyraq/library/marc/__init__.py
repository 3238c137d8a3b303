"""MARC in and out: reader (files -> pymarc records), mappings (pymarc -> RecordData), export."""

from __future__ import annotations

import pymarc

from shanyraq.library.marc import mapping_flat, mapping_marc21, mapping_unimarc
from shanyraq.library.marc.common import RecordData


def flavour_of(record: pymarc.Record) -> str:
    return "unimarc" if mapping_unimarc.is_unimarc(record) else "marc21"


def to_data(record: pymarc.Record) -> tuple[str, RecordData]:
    """(flavour, data); a flat record (no subfields, see mapping_flat) has no MARC flavour: ""."""
    if mapping_flat.is_flat(record):
        return "", mapping_flat.to_data(record)
    flavour = flavour_of(record)
    module = mapping_unimarc if flavour == "unimarc" else mapping_marc21
    return flavour, module.to_data(record)

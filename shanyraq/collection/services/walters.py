"""The Walters Art Museum's CC0 tombstone records, mapped onto our import columns.

Mapping (docs/collection/walters.md): the Walters number keeps its own identity under the prefix
`WAM.`; classification picks our category; known material words in `medium` become material
terms; years are Walters' signed years (their 0 becomes 1, there is no year zero; impossible years such as 17000 are left empty); the credit
line always names The Walters Art Museum and the CC0 licence of the metadata.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from shanyraq.collection.services.imports import ImportReport, artifacts_import

PREFIX = "WAM."
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CATEGORY = {
    "Arms & Armor": "weapons",
    "Gold, Silver & Jewelry": "jewelry-art",
    "Precious Stones & Gems": "jewelry-art",
    "Manuscripts & Rare Books": "manuscripts",
    "Painting & Drawing": "fine-arts",
    "Prints": "fine-arts",
    "Coins & Medals": "numismatics",
    "Textiles": "textiles",
    "Leather": "ethnography",
}
MATERIAL_WORDS = {
    "gold": "gold",
    "silver": "silver",
    "bronze": "bronze",
    "copper": "copper",
    "iron": "iron",
    "steel": "steel",
    "wood": "wood",
    "leather": "leather",
    "felt": "felt",
    "wool": "wool",
    "silk": "silk",
    "cotton": "cotton",
    "velvet": "velvet",
    "horn": "horn",
    "bone": "bone",
    "carnelian": "carnelian",
    "turquoise": "turquoise",
    "coral": "coral",
    "pearl": "pearl",
    "pearls": "pearl",
    "paper": "paper",
    "glass": "glass",
    "earthenware": "ceramic",
    "stoneware": "ceramic",
    "porcelain": "ceramic",
    "ceramic": "ceramic",
}


def _year(value) -> str:
    """Walters years as text; a typo such as 17000 for the 17th century (W.699.A) is left out."""
    if value is None or not -10000 < value < 2100:
        return ""
    return str(1 if value == 0 else value)


def walters_row(record: dict) -> dict[str, str]:
    words = set(re.findall(r"[a-z]+", (record.get("medium") or "").lower()))
    materials = sorted({slug for word, slug in MATERIAL_WORDS.items() if word in words})
    place = next(
        (g["term"] for g in record.get("geographies") or [] if g.get("type") == "Place of Origin"), ""
    )
    culture = record.get("culture") or ""
    credit = "The Walters Art Museum, Baltimore (CC0 metadata)"
    if record.get("credit_line"):
        credit = f"{credit}. {record['credit_line']}"
    return {
        "accession_number": PREFIX + record["object_number"].replace("/", "-"),
        "title_en": (record.get("title") or record.get("object_name") or record["object_number"])[:300],
        "object_name_en": (record.get("object_name") or "")[:200],
        "category": CATEGORY.get(record.get("classification") or "", "decorative-arts"),
        "period": "hunnic" if "hunnish" in culture.lower() else "",
        "earliest_year": _year(record.get("date_begin_year")),
        "latest_year": _year(record.get("date_end_year")),
        "display_date_en": (record.get("date_text") or "")[:120],
        "culture_en": culture[:200],
        "place_of_origin_en": place[:200],
        "materials": ";".join(materials),
        "dimensions_note": (record.get("dimensions") or "")[:500],
        "inscriptions": record.get("inscriptions") or "",
        "credit_line_en": credit[:300],
        "rights_statement": CC0,
        "source": "walters",
        "source_url": record.get("resource_url") or "",
        "published": "yes",
    }


def walters_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return [walters_row(json.loads(line)) for line in fh if line.strip()]


def walters_import(*, actor, path: Path, dry_run: bool = False, limit: int | None = None) -> ImportReport:
    rows = walters_rows(path)
    return artifacts_import(actor=actor, rows=rows[:limit] if limit else rows, dry_run=dry_run)

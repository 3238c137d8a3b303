"""The starter authority file shipped with the center (data/starter.tsv, built by
data/build_starter.py): loaded by `manage.py load_authorities` and by the demo. Loading again
updates the same authorities (their control number is "shq:<id>"), so it is safe to repeat."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.db import transaction

from shanyraq.authorities.models import Authority, Relation
from shanyraq.authorities.services import AuthorityData, VariantData, authority_create, authority_update

STARTER = Path(__file__).with_name("data") / "starter.tsv"
PREFIX = "shq:"


def rows(path: Path = STARTER) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        result = []
        for row in csv.DictReader(f, delimiter="\t"):
            row["variants"] = json.loads(row["variants"])
            row["related"] = json.loads(row["related"])
            result.append(row)
        return result


def load_starter(path: Path = STARTER) -> tuple[int, int]:
    """(created, updated). One transaction: a half-loaded file is never left behind."""
    created = updated = 0
    with transaction.atomic():
        existing = {a.control_number: a for a in Authority.objects.filter(control_number__startswith=PREFIX)}
        by_id: dict[str, Authority] = {}
        data = rows(path)
        for row in data:
            item = AuthorityData(
                kind=row["kind"],
                names={lang: row[f"name_{lang}"] for lang in ("zh_hans", "en", "kk", "ru")},
                dates=row["dates"],
                notes={"en": row["note_en"]} if row["note_en"] else {},
                control_number=PREFIX + row["id"],
                variants=[VariantData(text, source) for text, source in row["variants"]],
            )
            current = existing.get(item.control_number)
            if current is None:
                by_id[row["id"]] = authority_create(item)
                created += 1
            else:
                by_id[row["id"]] = authority_update(current, item)
                updated += 1
        for row in data:
            for other, note in row["related"]:
                Relation.objects.update_or_create(
                    authority=by_id[row["id"]], related=by_id[other], defaults={"note": note}
                )
    return created, updated

"""Demo collection of the Beijing center: 46 artifacts, loans in, movements, 3 exhibitions.

Called by `manage.py load_demo` after the site and spaces exist. Everything goes through the
services, so the demo also exercises history, audit and indexing. Images are generated ram's-horn
ornaments without any words on them (core.ornament) and say so, in all four languages, in their
alt text and caption (credit).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from shanyraq.collection.demo_data import (
    ARTIFACTS,
    EXHIBITIONS,
    LENDERS,
    OWN_CREDIT,
    PLACEHOLDER_ALT,
    PLACEHOLDER_CREDIT,
)
from shanyraq.collection.models import Artifact, Term
from shanyraq.collection.services.artifacts import (
    accession_number_next,
    artifact_accession,
    artifact_create,
    object_entry_record,
)
from shanyraq.collection.services.exhibitions import exhibition_artifact_add, exhibition_create
from shanyraq.collection.services.images import image_add
from shanyraq.collection.services.indexing import artifacts_index
from shanyraq.collection.services.loans import loan_in_create
from shanyraq.collection.services.procedures import artifact_move, condition_check_record
from shanyraq.collection.vocabularies import vocabularies_load
from shanyraq.core import ornament
from shanyraq.spaces.models import Space

SUFFIXES = ["en", "zh_hans", "kk", "ru"]
# A felt palette per category (core.ornament.PALETTES), so a category's pictures look related.
PALETTE = {"archaeology": 3, "jewelry-art": 2, "weapons": 0, "musical-instruments": 4, "ethnography": 1}
ARRIVED = datetime.datetime(2025, 8, 20, 10, 0, tzinfo=datetime.UTC)
INSTALLED = datetime.datetime(2025, 8, 28, 10, 0, tzinfo=datetime.UTC)


def _langs(field: str, values: tuple) -> dict[str, str]:
    return {f"{field}_{suffix}": value for suffix, value in zip(SUFFIXES, values, strict=True)}


def _first_sentence(text: str) -> str:
    for stop in ("。", ". "):
        if stop in text:
            return text.split(stop, 1)[0] + stop.strip()
    return text


def _placeholder(accession: str, category: str) -> bytes:
    """A picture of ornament, different for each artifact, with no words in any language on it."""
    return ornament.picture(accession, size=(1200, 900), palette=PALETTE[category])


def placeholder_image_add(*, actor, artifact: Artifact, titles: tuple, category: str):
    """A generated image that says, in each language's alt text and caption, that it is no photograph."""
    return image_add(
        actor=actor,
        artifact=artifact,
        data=_placeholder(artifact.accession_number, category),
        **_langs(
            "alt", tuple(text.format(title) for text, title in zip(PLACEHOLDER_ALT, titles, strict=True))
        ),
        **_langs("credit", PLACEHOLDER_CREDIT),
    )


def load() -> dict[str, int]:
    vocabularies_load()
    curator = get_user_model().objects.filter(groups__name="curator").first()
    terms = {(t.vocabulary, t.slug): t for t in Term.objects.all()}
    spaces = {s.slug: s for s in Space.objects.all()}
    storage = spaces["storage"]
    by_key: dict[str, Artifact] = {}
    on_loan: dict[str, list[Artifact]] = {}
    for n, row in enumerate(ARTIFACTS, start=1):
        key, cat, period, otype, materials, techniques, years, dims, space, lender, title, text = row
        with transaction.atomic():
            number = accession_number_next(year=2025)
            credit = LENDERS[lender]["credit"] if lender else OWN_CREDIT
            height, width, depth, diameter = dims
            artifact = artifact_create(
                actor=curator,
                accession_number=number,
                index=False,
                category=terms[("category", cat)],
                period=terms[("period", period)],
                object_type=terms[("object_type", otype)],
                materials=[terms[("material", m)] for m in materials],
                techniques=[terms[("technique", t)] for t in techniques],
                earliest_year=years[0],
                latest_year=years[1],
                height=height,
                width=width,
                depth=depth,
                diameter=diameter,
                rights_statement="All rights reserved"
                if lender
                else "https://creativecommons.org/licenses/by/4.0/",
                published=True,
                **_langs("title", title),
                **_langs("description", text),
                **_langs("label_text", tuple(_first_sentence(t) for t in text)),
                **_langs("credit_line", credit),
            )
        reason = "loan_in" if lender else "acquisition"
        object_entry_record(
            actor=curator,
            artifact=artifact,
            entry_number=f"OE.2025.{n:03d}",
            reason=reason,
            depositor=LENDERS[lender]["lender"] if lender else "Gift to the center",
            entered_at=ARRIVED,
        )
        if not lender:
            artifact_accession(actor=curator, artifact=artifact, method="gift", acquired_on=ARRIVED.date())
        artifact_move(
            actor=curator,
            artifact=artifact,
            space=storage,
            reason="arrival",
            location_detail=f"Rack {1 + n // 10}",
            moved_at=ARRIVED,
            index=False,
        )
        condition_check_record(actor=curator, artifact=artifact, grade="good", checked_on=ARRIVED.date())
        if space != "storage":
            artifact_move(
                actor=curator,
                artifact=artifact,
                space=spaces[space],
                reason="installation",
                location_detail=f"Case {1 + n % 12}",
                moved_at=INSTALLED,
                index=False,
            )
        placeholder_image_add(actor=curator, artifact=artifact, titles=title, category=cat)
        by_key[key] = artifact
        if lender:
            on_loan.setdefault(lender, []).append(artifact)
    today = timezone.localdate()
    for code, artifacts in on_loan.items():
        info = LENDERS[code]
        loan_in_create(
            actor=curator,
            lender=info["lender"],
            agreement_number=info["agreement"],
            artifacts=artifacts,
            insurance_value=Decimal(info["insurance"]),
            currency="USD",
            start_date=datetime.date(2025, 8, 15),
            end_date=today + datetime.timedelta(days=info["due_in_days"]),
            conditions="Display at 18-22 °C and 45-55 % relative humidity; light on textiles at most 50 lux.",
        )
    for spec in EXHIBITIONS:
        exhibition = exhibition_create(
            actor=curator,
            slug=spec["slug"],
            start_date=datetime.date(*spec["start"]),
            end_date=datetime.date(*spec["end"]) if spec["end"] else None,
            halls=[spaces[s] for s in spec["halls"]],
            published=True,
            **_langs("title", spec["title"]),
            **_langs("summary", spec["summary"]),
            **_langs("text", spec["text"]),
        )
        for order, key in enumerate(spec["items"], start=1):
            row = next(r for r in ARTIFACTS if r[0] == key)
            exhibition_artifact_add(
                actor=curator,
                exhibition=exhibition,
                artifact=by_key[key],
                order=order,
                **_langs("label", tuple(_first_sentence(t) for t in row[11])),
            )
    artifacts_index([a.pk for a in by_key.values()])
    return {"artifacts": len(by_key), "loans_in": len(on_loan), "exhibitions": len(EXHIBITIONS)}

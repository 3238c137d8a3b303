"""IIIF Presentation 3 manifests for published artifacts and the Collection that lists them,
built with iiif-prezi3; each image points to its IIIF Image API service (`iiif_image.py`)."""

from __future__ import annotations

import json
import re

from django.urls import reverse
from django.utils.translation import gettext, override
from iiif_prezi3 import Collection, Manifest

from shanyraq.collection.models import Artifact
from shanyraq.core import languages

# IIIF language maps use BCP 47 tags.
BCP47 = {"zh-hans": "zh-Hans", "en": "en", "kk": "kk", "ru": "ru"}


def _lang_map(obj, field: str) -> dict[str, list[str]]:
    values = {BCP47[code]: [text] for code, text in languages.as_dict(obj, field).items() if text}
    return values or {"none": [""]}


def _ui_map(message: str) -> dict[str, list[str]]:
    out = {}
    for code in languages.codes():
        with override(code):
            out[BCP47[code]] = [gettext(message)]
    return out


def manifest_for(artifact: Artifact, *, base_url: str) -> dict:
    """`base_url` is scheme + host, e.g. https://museum.example (no trailing slash)."""
    manifest_id = f"{base_url}/iiif/artifacts/{artifact.accession_number}/manifest.json"
    manifest = Manifest(id=manifest_id, label=_lang_map(artifact, "title"))
    description = _lang_map(artifact, "label_text")
    if "none" not in description:
        manifest.summary = description
    metadata = [{"label": _ui_map("Accession number"), "value": {"none": [artifact.accession_number]}}]
    if artifact.period_id:
        metadata.append({"label": _ui_map("Period"), "value": _lang_map(artifact.period, "name")})
    if any(languages.as_dict(artifact, "display_date").values()):
        metadata.append({"label": _ui_map("Date"), "value": _lang_map(artifact, "display_date")})
    materials = list(artifact.materials.all())
    if materials:
        value = {}
        for code in languages.codes():
            names = [languages.translated(m, "name", code)[0] for m in materials]
            value[BCP47[code]] = [", ".join(names)]
        metadata.append({"label": _ui_map("Materials"), "value": value})
    manifest.metadata = metadata
    credit = _lang_map(artifact, "credit_line")
    if "none" not in credit:
        manifest.requiredStatement = {"label": _ui_map("Credit line"), "value": credit}
    rights = rights_uri(artifact.rights_statement)
    if rights:
        manifest.rights = rights
    manifest.homepage = [
        {
            "id": f"{base_url}/en{artifact.path}",
            "type": "Text",
            "label": _lang_map(artifact, "title"),
            "format": "text/html",
        }
    ]
    for n, image in enumerate(artifact.images.all(), start=1):
        canvas_id = f"{manifest_id.removesuffix('/manifest.json')}/canvas/{n}"
        canvas = manifest.make_canvas(id=canvas_id, height=image.height, width=image.width)
        alt = _lang_map(image, "alt")
        if "none" not in alt:
            canvas.label = alt
        canvas.add_image(
            image_url=f"{base_url}{image.display.url}",
            anno_page_id=f"{canvas_id}/page",
            anno_id=f"{canvas_id}/image",
            format="image/jpeg",
            height=image.height,
            width=image.width,
        )
        # Deep zoom: viewers (Mirador, the artifact page) take tiles from the Image API service.
        canvas.items[0].items[0].body.service = [
            {"id": f"{base_url}{image.iiif_service_path}", "type": "ImageService3", "profile": "level1"}
        ]
        canvas.thumbnail = [
            {"id": f"{base_url}{image.thumbnail.url}", "type": "Image", "format": "image/jpeg"}
        ]
    return json.loads(manifest.json())


# Presentation 3 `rights` takes a Creative Commons or RightsStatements.org URI, in the form the
# IIIF validator checks: http (not https), the licence's own path, a trailing slash.
RIGHTS = re.compile(
    r"^https?://(?P<host>creativecommons\.org|rightsstatements\.org)/(?P<path>(licenses|publicdomain|vocab|page)/[^?#]+?)/?([?#].*)?$"
)


def rights_uri(statement: str) -> str:
    """The statement as a rights URI the validator accepts, or "" (it then stays a credit line)."""
    match = RIGHTS.match((statement or "").strip())
    if not match:
        return ""
    path = match["path"]
    if match["host"] == "rightsstatements.org":
        path = path.replace("page/", "vocab/", 1)  # the human page and the URI differ only there
    return f"http://{match['host']}/{path}/"


def collection_for(artifacts, *, base_url: str) -> dict:
    """A IIIF Collection of the artifacts' manifests, labelled in the four languages."""
    collection = Collection(
        id=f"{base_url}{reverse('collection-iiif-collection')}", label=_ui_map("Collection")
    )
    collection.items = [
        {
            "id": f"{base_url}/iiif/artifacts/{artifact.accession_number}/manifest.json",
            "type": "Manifest",
            "label": _lang_map(artifact, "title"),
        }
        for artifact in artifacts
    ]
    return json.loads(collection.json())

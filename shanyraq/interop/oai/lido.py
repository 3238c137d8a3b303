"""An artifact as LIDO 1.0 (the museum harvesting format Europeana and union catalogues take).

Mapping (decision 021): one `descriptiveMetadata` and one `administrativeMetadata` per language
that has a title (xml:lang = zh-Hans, en, kk, ru), each with that language's texts, as LIDO
prescribes for multilingual records; the accession number is `workID` and `lidoRecID`.

- object name / type -> objectWorkType (category as classification, with its Getty AAT id)
- title -> titleSet/appellationValue; description -> objectDescriptionSet/descriptiveNoteValue
- dimensions -> objectMeasurementsSet (height, width, depth, diameter in the artifact's unit,
  weight in g) with the written form as displayObjectMeasurements
- production event: display date, earliest/latest year, period, culture, place of origin,
  materials and techniques (AAT ids where the vocabulary has them)
- credit line -> creditLine; rights statement -> rightsWorkSet; images -> resourceSet with the
  IIIF Image API service and the display image; the public page -> recordInfoLink.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from django.utils import translation

from shanyraq.collection.models import Artifact
from shanyraq.core import languages

LIDO_NS = "http://www.lido-schema.org"
LIDO_XSD = "http://www.lido-schema.org/schema/v1.0/lido-v1.0.xsd"
XML_LANG = {"zh-hans": "zh-Hans", "en": "en", "kk": "kk", "ru": "ru"}
AAT = "http://vocab.getty.edu/aat/"
MEASURES = (("height", "height"), ("width", "width"), ("depth", "depth"), ("diameter", "diameter"))


def _e(tag: str, text, **attrs) -> str:
    if text in (None, ""):
        return ""
    rendered = "".join(f" lido:{k}={quoteattr(str(v))}" for k, v in attrs.items() if v)
    return f"<lido:{tag}{rendered}>{escape(str(text))}</lido:{tag}>"


def _concept(term, code: str) -> str:
    """conceptID (Getty AAT, when the vocabulary has it) and term, in that language."""
    name = languages.translated(term, "name", code)[0] or term.slug
    concept = (
        f'<lido:conceptID lido:type="URI" lido:source="AAT">{AAT}{escape(term.aat_id)}</lido:conceptID>'
        if term.aat_id
        else ""
    )
    return concept + _e("term", name)


def _term(wrapper: str, term, code: str, concept_type: str = "") -> str:
    if term is None:
        return ""
    typed = f" lido:type={quoteattr(concept_type)}" if concept_type else ""
    return f"<lido:{wrapper}{typed}>{_concept(term, code)}</lido:{wrapper}>"


def _material(term, code: str) -> str:
    return (
        "<lido:eventMaterialsTech><lido:materialsTech><lido:termMaterialsTech>"
        f"{_concept(term, code)}</lido:termMaterialsTech></lido:materialsTech></lido:eventMaterialsTech>"
    )


def lido(artifact: Artifact, *, base_url: str) -> bytes:
    codes = [c for c in languages.codes() if languages.value_in(artifact, "title", c)] or ["en"]
    parts = [
        f'<lido:lido xmlns:lido="{LIDO_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{LIDO_NS} {LIDO_XSD}">',
        f'<lido:lidoRecID lido:type="local" lido:source="Shanyraq">{escape(artifact.accession_number)}</lido:lidoRecID>',
    ]
    for code in codes:
        parts.append(_descriptive(artifact, code))
    for code in codes:
        parts.append(_administrative(artifact, code, base_url))
    parts.append("</lido:lido>")
    return "".join(parts).encode()


def _descriptive(artifact: Artifact, code: str) -> str:
    def text(field: str) -> str:
        return languages.value_in(artifact, field, code)

    work_type = _term("objectWorkType", artifact.object_type, code) or (
        f"<lido:objectWorkType>{_e('term', text('object_name') or artifact.title)}</lido:objectWorkType>"
    )
    classification = _term("classification", artifact.category, code, "category")
    measurements = "".join(
        "<lido:measurementsSet>"
        f"{_e('measurementType', label)}{_e('measurementUnit', artifact.unit)}"
        f"{_e('measurementValue', f'{value.normalize():f}')}</lido:measurementsSet>"
        for label, field in MEASURES
        if (value := getattr(artifact, field)) is not None
    )
    if artifact.weight_g is not None:
        measurements += (
            "<lido:measurementsSet><lido:measurementType>weight</lido:measurementType>"
            f"<lido:measurementUnit>g</lido:measurementUnit>{_e('measurementValue', f'{artifact.weight_g.normalize():f}')}"
            "</lido:measurementsSet>"
        )
    with translation.override(code):
        shown = "; ".join(f"{label}: {value}" for label, value in artifact.dimension_list())
    shown = shown or text("dimensions_note") or artifact.dimensions_note
    measurement_wrap = (
        "<lido:objectMeasurementsWrap><lido:objectMeasurementsSet>"
        f"{_e('displayObjectMeasurements', shown)}"
        + (f"<lido:objectMeasurements>{measurements}</lido:objectMeasurements>" if measurements else "")
        + "</lido:objectMeasurementsSet></lido:objectMeasurementsWrap>"
        if shown or measurements
        else ""
    )
    date = ""
    if text("display_date") or artifact.earliest_year is not None:
        date = (
            f"<lido:eventDate>{_e('displayDate', text('display_date'))}"
            + (
                f"<lido:date>{_e('earliestDate', artifact.earliest_year)}{_e('latestDate', artifact.latest_year)}</lido:date>"
                if artifact.earliest_year is not None and artifact.latest_year is not None
                else ""
            )
            + "</lido:eventDate>"
        )
    event = (
        "<lido:eventWrap><lido:eventSet><lido:event>"
        '<lido:eventType><lido:conceptID lido:type="URI">http://terminology.lido-schema.org/lido00007</lido:conceptID>'
        "<lido:term>Production</lido:term></lido:eventType>"
        + (f"<lido:culture>{_e('term', text('culture'))}</lido:culture>" if text("culture") else "")
        + date
        + _term("periodName", artifact.period, code)
        + (
            f"<lido:eventPlace><lido:place><lido:namePlaceSet>{_e('appellationValue', text('place_of_origin'))}"
            "</lido:namePlaceSet></lido:place></lido:eventPlace>"
            if text("place_of_origin")
            else ""
        )
        + "".join(_term("eventMethod", t, code) for t in artifact.techniques.all())
        + "".join(_material(t, code) for t in artifact.materials.all())
        + "</lido:event></lido:eventSet></lido:eventWrap>"
    )
    return (
        f'<lido:descriptiveMetadata xml:lang="{XML_LANG[code]}">'
        "<lido:objectClassificationWrap>"
        f"<lido:objectWorkTypeWrap>{work_type}</lido:objectWorkTypeWrap>"
        + (f"<lido:classificationWrap>{classification}</lido:classificationWrap>" if classification else "")
        + "</lido:objectClassificationWrap><lido:objectIdentificationWrap>"
        f"<lido:titleWrap><lido:titleSet>{_e('appellationValue', text('title'), pref='preferred')}</lido:titleSet></lido:titleWrap>"
        + (
            f"<lido:inscriptionsWrap><lido:inscriptions>{_e('inscriptionTranscription', artifact.inscriptions)}"
            "</lido:inscriptions></lido:inscriptionsWrap>"
            if artifact.inscriptions
            else ""
        )
        + '<lido:repositoryWrap><lido:repositorySet lido:type="current">'
        f'<lido:workID lido:type="accession number">{escape(artifact.accession_number)}</lido:workID>'
        "</lido:repositorySet></lido:repositoryWrap>"
        + (
            "<lido:objectDescriptionWrap><lido:objectDescriptionSet>"
            f"{_e('descriptiveNoteValue', text('description'))}</lido:objectDescriptionSet></lido:objectDescriptionWrap>"
            if text("description")
            else ""
        )
        + measurement_wrap
        + "</lido:objectIdentificationWrap>"
        + event
        + "</lido:descriptiveMetadata>"
    )


def _administrative(artifact: Artifact, code: str, base_url: str) -> str:
    credit = languages.value_in(artifact, "credit_line", code)
    rights = (
        "<lido:rightsWorkWrap><lido:rightsWorkSet>"
        f"<lido:rightsType>{_e('term', artifact.rights_statement)}</lido:rightsType>"
        f"{_e('creditLine', credit)}</lido:rightsWorkSet></lido:rightsWorkWrap>"
        if artifact.rights_statement or credit
        else ""
    )
    with translation.override(code):
        page = f"{base_url}{artifact.get_absolute_url()}"
    resources = "".join(
        "<lido:resourceSet>"
        f'<lido:resourceRepresentation lido:type="image_master">'
        f"{_e('linkResource', f'{base_url}{image.iiif_info_url}', formatResource='application/ld+json')}"
        "</lido:resourceRepresentation>"
        f'<lido:resourceRepresentation lido:type="image_thumb">'
        f"{_e('linkResource', f'{base_url}{image.display.url}', formatResource='image/jpeg')}"
        "</lido:resourceRepresentation>"
        f"{_e('resourceDescription', languages.value_in(image, 'alt', code))}"
        "</lido:resourceSet>"
        for image in artifact.images.all()
    )
    return (
        f'<lido:administrativeMetadata xml:lang="{XML_LANG[code]}">{rights}'
        f"<lido:recordWrap>{_e('recordID', artifact.accession_number, type='local')}"
        "<lido:recordType><lido:term>item</lido:term></lido:recordType>"
        "<lido:recordSource><lido:legalBodyName><lido:appellationValue>Shanyraq</lido:appellationValue>"
        "</lido:legalBodyName></lido:recordSource>"
        f"<lido:recordInfoSet>{_e('recordInfoLink', page)}</lido:recordInfoSet></lido:recordWrap>"
        + (f"<lido:resourceWrap>{resources}</lido:resourceWrap>" if resources else "")
        + "</lido:administrativeMetadata>"
    )

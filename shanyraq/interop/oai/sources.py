"""What the OAI-PMH provider serves: one source per domain (library records, collection artifacts).

A source answers four questions the protocol asks: which ids match a set and a date range (in
primary-key order, so resumption tokens are keysets), what each item's header is, how it is
written in a metadata format, and which sets exist. Visibility comes from the domain selectors
(`records_public`, `artifacts_public`): an item they do not return is reported as deleted, with
the date it was withdrawn, and never with metadata (decision 021).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation

from shanyraq.collection.models import Artifact, Term
from shanyraq.collection.selectors import artifacts_public
from shanyraq.core import languages
from shanyraq.interop.marcxml import marcxml_record
from shanyraq.interop.oai.lido import lido
from shanyraq.library.labels import LANGUAGES
from shanyraq.library.marc.export import dublin_core, to_marc21
from shanyraq.library.models import Classification, Contributor, Record, Subject
from shanyraq.library.selectors import records_public

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MARC_NS = "http://www.loc.gov/MARC21/slim"
FORMATS = {
    "oai_dc": (OAI_DC_NS, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
    "marc21": (MARC_NS, "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"),
    "lido": ("http://www.lido-schema.org", "http://www.lido-schema.org/schema/v1.0/lido-v1.0.xsd"),
}
# How many items are read from the database at once while a page streams.
CHUNK = 250
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# BCP 47 tags for xml:lang on translated collection fields.
XML_LANG = {"zh-hans": "zh-Hans", "en": "en", "kk": "kk", "ru": "ru"}


@dataclass(frozen=True)
class Header:
    local_id: str
    datestamp: datetime.datetime
    deleted: bool
    sets: tuple[str, ...]


class Source:
    """The interface; see LibrarySource and CollectionSource."""

    name: str
    formats: tuple[str, ...]

    def ids(self, *, set_spec: str, since, before, after_pk: int, limit: int) -> list[int]:
        """Up to `limit` primary keys above `after_pk` in the set, updated in [since, before)."""
        qs = self.filter_set(self.model.objects.all(), set_spec)
        if since is not None:
            qs = qs.filter(updated_at__gte=since)
        if before is not None:
            qs = qs.filter(updated_at__lt=before)
        return list(qs.filter(pk__gt=after_pk).order_by("pk").values_list("pk", flat=True)[:limit])

    def items(self, pks: list[int], *, with_metadata: bool) -> Iterator[tuple[Header, object]]:
        """Headers (and objects) for `pks`, in their order, read CHUNK at a time."""
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            by_pk = self.in_bulk(chunk, with_metadata=with_metadata)
            for pk in chunk:
                obj = by_pk.get(pk)
                if obj is not None:
                    yield self.header(obj), obj

    def annotated(self) -> QuerySet:
        return self.model.objects.annotate(oai_visible=Exists(self.visible().filter(pk=OuterRef("pk"))))


class LibrarySource(Source):
    name = "library"
    formats = ("oai_dc", "marc21")
    model = Record

    def visible(self) -> QuerySet:
        return records_public()

    def filter_set(self, qs: QuerySet, set_spec: str) -> QuerySet:
        parts = set_spec.split(":") if set_spec else []
        if len(parts) == 3 and parts[1] == "lang":
            return qs.filter(language=parts[2])
        return qs

    def in_bulk(self, pks: list[int], *, with_metadata: bool) -> dict[int, Record]:
        records = self.annotated().defer("marc_raw", "marc_xml").in_bulk(pks)
        if with_metadata:
            _attach_children(
                records, {"contributors": Contributor, "subjects": Subject, "classifications": Classification}
            )
        return records

    def header(self, record: Record) -> Header:
        sets = ("library", f"library:lang:{record.language}") if record.language else ("library",)
        return Header(str(record.pk), record.updated_at, not record.oai_visible, sets)

    def lookup(self, local_id: str) -> Record | None:
        if not local_id.isdigit():
            return None
        return self.in_bulk([int(local_id)], with_metadata=True).get(int(local_id))

    def metadata(self, record: Record, prefix: str, *, base_url: str) -> bytes:
        if prefix == "marc21":
            return marcxml_record(to_marc21(record, base_url=base_url)).encode()
        return dublin_core(record, base_url=base_url).removeprefix(XML_DECLARATION)

    def sets(self) -> list[tuple[str, str]]:
        codes = (
            Record.objects.exclude(language="")
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        )
        with translation.override("en"):
            named = [(f"library:lang:{code}", f"Library: {LANGUAGES.get(code, code)}") for code in codes]
        return [("library", "Library catalogue"), *named]


def _attach_children(parents: dict[int, object], relations: dict[str, type]) -> None:
    """What `prefetch_related` does, one query per relation, without the queryset Django builds
    for every parent and relation (two thirds of a harvested record's cost in the profile):
    `record.contributors.all()` then answers from these lists."""
    for name, model in relations.items():
        grouped: dict[int, list] = {pk: [] for pk in parents}
        for child in model.objects.filter(record_id__in=list(parents)).order_by(
            "record_id", *model._meta.ordering
        ):
            grouped[child.record_id].append(child)
        for pk, parent in parents.items():
            parent.__dict__.setdefault("_prefetched_objects_cache", {})[name] = grouped[pk]


class CollectionSource(Source):
    name = "collection"
    formats = ("oai_dc", "lido")
    model = Artifact

    def visible(self) -> QuerySet:
        return artifacts_public()

    def filter_set(self, qs: QuerySet, set_spec: str) -> QuerySet:
        parts = set_spec.split(":") if set_spec else []
        if len(parts) == 3 and parts[1] == "category":
            return qs.filter(category__slug=parts[2])
        return qs

    def in_bulk(self, pks: list[int], *, with_metadata: bool) -> dict[int, Artifact]:
        qs = self.annotated().select_related("category")
        if with_metadata:
            qs = qs.select_related("period", "object_type").prefetch_related(
                "materials", "techniques", "images"
            )
        return qs.in_bulk(pks)

    def header(self, artifact: Artifact) -> Header:
        sets = ("collection",)
        if artifact.category_id:
            sets += (f"collection:category:{artifact.category.slug}",)
        return Header(artifact.accession_number, artifact.updated_at, not artifact.oai_visible, sets)

    def lookup(self, local_id: str) -> Artifact | None:
        pk = Artifact.objects.filter(accession_number=local_id).values_list("pk", flat=True).first()
        return None if pk is None else self.in_bulk([pk], with_metadata=True).get(pk)

    def metadata(self, artifact: Artifact, prefix: str, *, base_url: str) -> bytes:
        """LIDO (`lido.py`), or simple Dublin Core with translated fields once per language."""
        if prefix == "lido":
            return lido(artifact, base_url=base_url)
        out = [
            f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{OAI_DC_NS} {FORMATS["oai_dc"][1]}">'
        ]

        def add(element: str, value: str, lang: str = "") -> None:
            if value:
                attr = f" xml:lang={quoteattr(XML_LANG.get(lang, lang))}" if lang else ""
                out.append(f"<dc:{element}{attr}>{escape(value)}</dc:{element}>")

        def add_translated(element: str, obj, field: str) -> None:
            for code, text in languages.as_dict(obj, field).items():
                add(element, text, code)

        add_translated("title", artifact, "title")
        add_translated("description", artifact, "description")
        for term in (
            artifact.category,
            artifact.object_type,
            *artifact.materials.all(),
            *artifact.techniques.all(),
        ):
            if term is not None:
                add_translated("subject", term, "name")
        if artifact.period is not None:
            add_translated("coverage", artifact.period, "name")
        add_translated("date", artifact, "display_date")
        add_translated("coverage", artifact, "culture")
        add_translated("coverage", artifact, "place_of_origin")
        add("type", "PhysicalObject")
        add("identifier", artifact.accession_number)
        with translation.override("en"):
            add("identifier", f"{base_url}{artifact.get_absolute_url()}")
        add("relation", f"{base_url}/iiif/artifacts/{artifact.accession_number}/manifest.json")
        add("rights", artifact.rights_statement)
        add_translated("rights", artifact, "credit_line")
        out.append("</oai_dc:dc>")
        return "".join(out).encode()

    def sets(self) -> list[tuple[str, str]]:
        terms = Term.objects.filter(vocabulary=Term.Vocabulary.CATEGORY).order_by("order", "slug")
        named = [(f"collection:category:{t.slug}", f"Collection: {t.name_en or t.slug}") for t in terms]
        return [("collection", "Museum collection"), *named]


SOURCES: tuple[Source, ...] = (LibrarySource(), CollectionSource())
BY_NAME = {s.name: s for s in SOURCES}


def sources_for(set_spec: str) -> list[Source]:
    """The sources a set can contain items of, in harvest order (library first)."""
    if not set_spec:
        return list(SOURCES)
    top = set_spec.split(":", 1)[0]
    return [BY_NAME[top]] if top in BY_NAME else []


def set_exists(set_spec: str) -> bool:
    return any(spec == set_spec for source in SOURCES for spec, _name in source.sets())

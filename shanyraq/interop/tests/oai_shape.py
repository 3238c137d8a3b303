"""Schema-level checks of OAI-PMH answers, written from OAI-PMH.xsd, oai_dc.xsd and MARC21slim.xsd
(the schemas themselves are on the web, and tests run offline): element order and namespaces,
datestamp, identifier and setSpec syntax, Dublin Core element names, MARCXML that pymarc reads."""

from __future__ import annotations

import io
import re

import pymarc
from lxml import etree

OAI = "{http://www.openarchives.org/OAI/2.0/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
DC = "{http://purl.org/dc/elements/1.1/}"
MARC = "{http://www.loc.gov/MARC21/slim}"
LIDO = "{http://www.lido-schema.org}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
# oai-identifier.xsd: oai:<repositoryIdentifier>:<local identifier>
IDENTIFIER = re.compile(
    r"^oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z0-9\-]+)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+\$,%]+$"
)
IDENTIFIER_IP = re.compile(r"^oai:[0-9.]+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+\$,%]+$")
SET_SPEC = re.compile(r"^([A-Za-z0-9\-_\.!~\*'\(\)])+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*$")
DC_ELEMENTS = {
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
}
ERROR_CODES = {
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
}


def check_header(header) -> None:
    assert header.tag == f"{OAI}header"
    assert set(header.attrib) <= {"status"} and header.get("status", "deleted") == "deleted"
    children = [c.tag for c in header]
    assert children[:2] == [f"{OAI}identifier", f"{OAI}datestamp"], children
    assert set(children[2:]) <= {f"{OAI}setSpec"}
    ident = header[0].text
    assert IDENTIFIER.match(ident) or IDENTIFIER_IP.match(ident), ident
    assert DATESTAMP.match(header[1].text), header[1].text
    for spec in header[2:]:
        assert SET_SPEC.match(spec.text), spec.text


def check_metadata(metadata) -> None:
    assert metadata.tag == f"{OAI}metadata" and len(metadata) == 1
    payload = metadata[0]
    if payload.tag == f"{OAI_DC}dc":
        assert len(payload) > 0
        for element in payload:
            assert element.tag.startswith(DC) and element.tag.removeprefix(DC) in DC_ELEMENTS, element.tag
            assert len(element) == 0 and element.text
            assert set(element.attrib) <= {"{http://www.w3.org/XML/1998/namespace}lang"}
    elif payload.tag == f"{LIDO}lido":
        check_lido(payload)
    else:
        assert payload.tag == f"{MARC}record", payload.tag
        assert [c.tag for c in payload][0] == f"{MARC}leader"
        records = pymarc.parse_xml_to_array(io.BytesIO(etree.tostring(payload)))
        assert len(records) == 1 and records[0]["245"] is not None


def check_lido(lido) -> None:
    """lido-v1.0.xsd: lidoRecID first; then per language a descriptiveMetadata (its work type and
    title required) and an administrativeMetadata (record ID, type and source required)."""
    tags = [c.tag.removeprefix(LIDO) for c in lido]
    assert tags[0] == "lidoRecID" and lido[0].text
    described = [c for c in lido if c.tag == f"{LIDO}descriptiveMetadata"]
    administered = [c for c in lido if c.tag == f"{LIDO}administrativeMetadata"]
    assert described and len(described) == len(administered) == len(tags) - 1 - len(described)
    for d in described:
        assert d.get(XML_LANG)
        assert [c.tag.removeprefix(LIDO) for c in d][:2] == [
            "objectClassificationWrap",
            "objectIdentificationWrap",
        ]
        assert (
            d.find(f"{LIDO}objectClassificationWrap/{LIDO}objectWorkTypeWrap/{LIDO}objectWorkType")
            is not None
        )
        assert d.find(
            f"{LIDO}objectIdentificationWrap/{LIDO}titleWrap/{LIDO}titleSet/{LIDO}appellationValue"
        ).text
    for a in administered:
        record = a.find(f"{LIDO}recordWrap")
        assert [c.tag.removeprefix(LIDO) for c in record][:3] == ["recordID", "recordType", "recordSource"]


def check_response(body: bytes) -> etree._Element:
    """The root of a well-formed OAI-PMH answer; raises AssertionError on any schema breach."""
    root = etree.fromstring(body)
    assert root.tag == f"{OAI}OAI-PMH"
    tags = [c.tag for c in root]
    assert tags[:2] == [f"{OAI}responseDate", f"{OAI}request"], tags
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", root[0].text)
    rest = root[2:]
    if rest[0].tag == f"{OAI}error":
        assert all(e.tag == f"{OAI}error" and e.get("code") in ERROR_CODES for e in rest)
        return root
    assert len(rest) == 1
    body_el = rest[0]
    verb = body_el.tag.removeprefix(OAI)
    assert root[1].get("verb") == verb
    children = list(body_el)
    if verb in ("ListRecords", "ListIdentifiers", "ListSets"):
        if children and children[-1].tag == f"{OAI}resumptionToken":
            children = children[:-1]
        assert children, f"{verb} must hold at least one item"
    for child in children:
        if verb == "ListIdentifiers":
            check_header(child)
        elif verb in ("ListRecords", "GetRecord"):
            assert child.tag == f"{OAI}record"
            check_header(child[0])
            if child[0].get("status") == "deleted":
                assert len(child) == 1, "a deleted record has no metadata"
            else:
                assert len(child) == 2
                check_metadata(child[1])
        elif verb == "ListSets":
            assert [c.tag for c in child][:2] == [f"{OAI}setSpec", f"{OAI}setName"]
            assert SET_SPEC.match(child[0].text)
    return root

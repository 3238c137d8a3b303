"""SRU 2.0 at /sru: explain and searchRetrieve over the library catalogue (CQL in, MARCXML or
Dublin Core out). Answers are always XML with HTTP 200; problems are SRU diagnostics."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree.ElementTree import fromstring, tostring  # noqa: S405 - our own XML, built just before
from xml.sax.saxutils import escape

import pymarc
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from shanyraq.interop import conf
from shanyraq.interop.sru.query import Diagnostic, evaluate, parse
from shanyraq.interop.xml import xml_safe
from shanyraq.library.marc.export import dublin_core, to_marc21
from shanyraq.library.models import Record
from shanyraq.library.selectors import MARC_FIELDS

SRU_NS = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
DIAG_NS = "http://docs.oasis-open.org/ns/search-ws/diagnostic"
ZEEREX_NS = "http://explain.z3950.org/dtd/2.0/"
SRW_DC_NS = "info:srw/schema/1/dc-schema"
SCHEMAS = {  # short name -> (identifier, title)
    "marcxml": ("info:srw/schema/1/marcxml-v1.1", "MARCXML"),
    "dc": ("info:srw/schema/1/dc-v1.1", "Dublin Core"),
}
SCHEMA_BY_ID = {identifier: name for name, (identifier, _t) in SCHEMAS.items()}
EXPLAINED_INDEXES = [  # (context set, name, title)
    ("dc", "title", "Title, in any script"),
    ("dc", "creator", "Author or other contributor"),
    ("dc", "subject", "Subject heading"),
    ("bath", "isbn", "ISBN (10 or 13 digits)"),
    ("cql", "serverChoice", "Anywhere (cross-script search)"),
]
CONTEXT_SETS = {
    "cql": "info:srw/cql-context-set/1/cql-v1.2",
    "dc": "info:srw/cql-context-set/1/dc-v1.1",
    "bath": "http://zing.z3950.org/cql/bath/2.0/",
}
CONTENT_TYPE = "application/xml; charset=utf-8"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sru(request):
    params = (request.POST if request.method == "POST" else request.GET).dict()
    base_url = request.build_absolute_uri(request.path)
    operation = params.get("operation") or ("searchRetrieve" if "query" in params else "explain")
    try:
        if params.get("version", "2.0") != "2.0":
            raise Diagnostic(5, "2.0", "Unsupported version.")
        if operation == "explain":
            body = _explain(base_url)
        elif operation == "searchRetrieve":
            body = _search_retrieve(params, site=request.build_absolute_uri("/").rstrip("/"))
        else:
            raise Diagnostic(4, operation, "Unsupported operation.")
    except Diagnostic as diagnostic:
        element = "explainResponse" if operation == "explain" else "searchRetrieveResponse"
        body = (
            f'<sru:{element} xmlns:sru="{SRU_NS}"><sru:version>2.0</sru:version>'
            + ("<sru:numberOfRecords>0</sru:numberOfRecords>" if element == "searchRetrieveResponse" else "")
            + f"{_diagnostics(diagnostic)}</sru:{element}>"
        )
    return HttpResponse(
        ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode(), content_type=CONTENT_TYPE
    )


def _diagnostics(diagnostic: Diagnostic) -> str:
    return (
        f'<sru:diagnostics><diag:diagnostic xmlns:diag="{DIAG_NS}">'
        f"<diag:uri>info:srw/diagnostic/1/{diagnostic.number}</diag:uri>"
        f"<diag:details>{escape(xml_safe(diagnostic.details))}</diag:details>"
        f"<diag:message>{escape(diagnostic.message)}</diag:message>"
        "</diag:diagnostic></sru:diagnostics>"
    )


def _positive(params: dict, name: str, default: int, *, minimum: int) -> int:
    value = params.get(name, "")
    if value == "":
        return default
    if not value.isdigit() or int(value) < minimum:
        raise Diagnostic(6, name, f"Unsupported parameter value: {name}.")
    return int(value)


def _search_retrieve(params: dict, *, site: str) -> str:
    if params.get("queryType", "cql") != "cql":
        raise Diagnostic(6, "queryType", "Unsupported parameter value: queryType.")
    start = _positive(params, "startRecord", 1, minimum=1)
    maximum = _positive(params, "maximumRecords", conf.SRU_DEFAULT_RECORDS, minimum=0)
    if maximum > conf.SRU_MAX_RECORDS:
        raise Diagnostic(6, "maximumRecords", f"At most {conf.SRU_MAX_RECORDS} records per request.")
    schema_param = params.get("recordSchema", "marcxml")
    schema = schema_param if schema_param in SCHEMAS else SCHEMA_BY_ID.get(schema_param)
    if schema is None:
        raise Diagnostic(66, schema_param, "Unknown schema for retrieval.")
    escaping = params.get("recordXMLEscaping", "xml")
    if escaping not in ("xml", "string"):
        raise Diagnostic(71, escaping, "Unsupported record packing.")
    result = evaluate(parse(params.get("query", "")))
    total = len(result.ids)
    if total and start > total:
        raise Diagnostic(61, str(start), "First record position out of range.")
    window = result.ids[start - 1 : start - 1 + maximum]
    by_pk = (
        Record.objects.defer(*MARC_FIELDS)
        .prefetch_related("contributors", "subjects", "classifications")
        .in_bulk(window)
    )
    records = []
    for position, pk in enumerate(window, start=start):
        data = xml_safe(_record_data(by_pk[pk], schema, site))
        if escaping == "string":
            data = escape(data)
        records.append(
            f"<sru:record><sru:recordSchema>{SCHEMAS[schema][0]}</sru:recordSchema>"
            f"<sru:recordXMLEscaping>{escaping}</sru:recordXMLEscaping>"
            f"<sru:recordData>{data}</sru:recordData>"
            f"<sru:recordIdentifier>{pk}</sru:recordIdentifier>"
            f"<sru:recordPosition>{position}</sru:recordPosition></sru:record>"
        )
    following = start + len(window)
    precision = "exact" if result.exact else "minimum"
    return (
        f'<sru:searchRetrieveResponse xmlns:sru="{SRU_NS}"><sru:version>2.0</sru:version>'
        f"<sru:numberOfRecords>{total}</sru:numberOfRecords>"
        + (f"<sru:records>{''.join(records)}</sru:records>" if records else "")
        + (f"<sru:nextRecordPosition>{following}</sru:nextRecordPosition>" if following <= total else "")
        + f"<sru:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/{precision}"
        "</sru:resultCountPrecision></sru:searchRetrieveResponse>"
    )


def _record_data(record: Record, schema: str, site: str) -> str:
    if schema == "marcxml":
        return pymarc.record_to_xml(to_marc21(record, base_url=site), namespace=True).decode()
    root = fromstring(dublin_core(record, base_url=site))  # noqa: S314 - built by our exporter
    root.tag = f"{{{SRW_DC_NS}}}dc"
    return tostring(root, encoding="unicode")


def _explain(base_url: str) -> str:
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    sets = "".join(f'<zr:set name="{name}" identifier="{uri}"/>' for name, uri in CONTEXT_SETS.items())
    indexes = "".join(
        f'<zr:index search="true"><zr:title lang="en">{escape(title)}</zr:title>'
        f'<zr:map><zr:name set="{ctx}">{name}</zr:name></zr:map></zr:index>'
        for ctx, name, title in EXPLAINED_INDEXES
    )
    schemas = "".join(
        f'<zr:schema identifier="{identifier}" name="{name}" retrieve="true">'
        f'<zr:title lang="en">{title}</zr:title></zr:schema>'
        for name, (identifier, title) in SCHEMAS.items()
    )
    explain = (
        f'<zr:explain xmlns:zr="{ZEEREX_NS}">'
        f'<zr:serverInfo protocol="SRU" version="2.0" transport="{parts.scheme}" method="GET POST">'
        f"<zr:host>{escape(parts.hostname or '')}</zr:host><zr:port>{port}</zr:port>"
        f"<zr:database>{escape(parts.path.lstrip('/'))}</zr:database></zr:serverInfo>"
        f'<zr:databaseInfo><zr:title lang="en" primary="true">{escape(conf.oai_repository_name())}'
        "</zr:title></zr:databaseInfo>"
        f"<zr:indexInfo>{sets}{indexes}</zr:indexInfo><zr:schemaInfo>{schemas}</zr:schemaInfo>"
        f'<zr:configInfo><zr:default type="numberOfRecords">{conf.SRU_DEFAULT_RECORDS}</zr:default>'
        f'<zr:setting type="maximumRecords">{conf.SRU_MAX_RECORDS}</zr:setting>'
        '<zr:default type="retrieveSchema">marcxml</zr:default>'
        '<zr:supports type="relation">=</zr:supports><zr:supports type="relation">all</zr:supports>'
        '<zr:supports type="relation">any</zr:supports><zr:supports type="relation">adj</zr:supports>'
        "</zr:configInfo></zr:explain>"
    )
    return (
        f'<sru:explainResponse xmlns:sru="{SRU_NS}"><sru:version>2.0</sru:version><sru:record>'
        f"<sru:recordSchema>{ZEEREX_NS}</sru:recordSchema><sru:recordXMLEscaping>xml</sru:recordXMLEscaping>"
        f"<sru:recordData>{explain}</sru:recordData></sru:record></sru:explainResponse>"
    )

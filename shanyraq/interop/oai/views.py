"""The OAI-PMH endpoint: parse the arguments, pick the ids of one page, stream the answer.

Errors are decided before the first byte is sent (a page's ids are read up front, ids only), so a
streamed answer is never cut by an error; its records are then read CHUNK at a time, which keeps
memory flat whatever the page size (bench/oai.py measures both).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from email.utils import parseaddr
from xml.sax.saxutils import escape

from django.db.models import Min
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from shanyraq.interop import conf
from shanyraq.interop.oai.protocol import (
    ListRequest,
    OaiError,
    check_arguments,
    datestamp,
    envelope_start,
    error_xml,
    header_xml,
    list_request,
)
from shanyraq.interop.oai.sources import BY_NAME, FORMATS, SOURCES, Source, sources_for
from shanyraq.interop.xml import xml_safe

CONTENT_TYPE = "text/xml; charset=utf-8"
BUFFER = 64 * 1024


def identifier_for(source: Source, local_id: str) -> str:
    return f"oai:{conf.oai_repository_identifier()}:{source.name}:{local_id}"


def _item_for(identifier: str) -> tuple[Source, object]:
    prefix = f"oai:{conf.oai_repository_identifier()}:"
    name, _sep, local_id = identifier.removeprefix(prefix).partition(":")
    source = BY_NAME.get(name) if identifier.startswith(prefix) else None
    obj = source.lookup(local_id) if source and local_id else None
    if obj is None:
        raise OaiError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    return source, obj


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai(request):
    now = timezone.now()
    base_url = request.build_absolute_uri(request.path)
    params = dict((request.POST if request.method == "POST" else request.GET).lists())
    try:
        verb = check_arguments(params)
    except OaiError as error:
        return _answer(
            envelope_start(now=now, base_url=base_url, args=None) + error_xml(error) + "</OAI-PMH>"
        )
    args = {k: v[0] for k, v in params.items()}
    start = envelope_start(now=now, base_url=base_url, args=args)
    try:
        if verb in ("ListRecords", "ListIdentifiers"):
            return _list(start, list_request(verb, args, now=now), base_url=_site(request))
        body = VERB_BODY[verb](args, base_url=_site(request), oai_url=base_url)
    except OaiError as error:
        if error.code == "badArgument":  # the arguments were not legal: echo none of them
            start = envelope_start(now=now, base_url=base_url, args=None)
        body = error_xml(error)
    return _answer(start + body + "</OAI-PMH>")


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _answer(text: str) -> HttpResponse:
    return HttpResponse(text.encode(), content_type=CONTENT_TYPE)


def _identify(args, *, base_url: str, oai_url: str) -> str:
    earliest = min(
        (d for d in (s.model.objects.aggregate(m=Min("updated_at"))["m"] for s in SOURCES) if d),
        default=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )
    emails = "".join(
        f"<adminEmail>{escape(parseaddr(e)[1] or e)}</adminEmail>" for e in conf.oai_admin_emails()
    )
    repo = conf.oai_repository_identifier()
    ns = "http://www.openarchives.org/OAI/2.0/oai-identifier"
    return (
        f"<Identify><repositoryName>{escape(conf.oai_repository_name())}</repositoryName>"
        f"<baseURL>{escape(oai_url)}</baseURL><protocolVersion>2.0</protocolVersion>{emails}"
        f"<earliestDatestamp>{datestamp(earliest)}</earliestDatestamp>"
        "<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"
        f'<description><oai-identifier xmlns="{ns}" '
        f'xsi:schemaLocation="{ns} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
        f"<scheme>oai</scheme><repositoryIdentifier>{escape(repo)}</repositoryIdentifier>"
        "<delimiter>:</delimiter>"
        f"<sampleIdentifier>oai:{escape(repo)}:library:1</sampleIdentifier></oai-identifier></description>"
        "</Identify>"
    )


def _list_metadata_formats(args, *, base_url: str, oai_url: str) -> str:
    prefixes = list(FORMATS)
    if "identifier" in args:
        source, _obj = _item_for(args["identifier"])
        prefixes = list(source.formats)
    formats = "".join(
        f"<metadataFormat><metadataPrefix>{p}</metadataPrefix><schema>{FORMATS[p][1]}</schema>"
        f"<metadataNamespace>{FORMATS[p][0]}</metadataNamespace></metadataFormat>"
        for p in prefixes
    )
    return f"<ListMetadataFormats>{formats}</ListMetadataFormats>"


def _list_sets(args, *, base_url: str, oai_url: str) -> str:
    if "resumptionToken" in args:
        raise OaiError("badResumptionToken", "ListSets answers in one response; it issues no tokens.")
    sets = "".join(
        f"<set><setSpec>{escape(spec)}</setSpec><setName>{escape(name)}</setName></set>"
        for source in SOURCES
        for spec, name in source.sets()
    )
    return f"<ListSets>{sets}</ListSets>"


def _get_record(args, *, base_url: str, oai_url: str) -> str:
    source, obj = _item_for(args["identifier"])
    prefix = args["metadataPrefix"]
    if prefix not in source.formats:
        raise OaiError("cannotDisseminateFormat", f"This item is not available as {prefix!r}.")
    return f"<GetRecord>{_record_xml(source, source.header(obj), obj, prefix, base_url)}</GetRecord>"


VERB_BODY = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
}


def _record_xml(source: Source, header, obj, prefix: str, base_url: str) -> str:
    head = header_xml(identifier_for(source, header.local_id), header)
    if header.deleted:
        return f"<record>{head}</record>"
    metadata = xml_safe(source.metadata(obj, prefix, base_url=base_url).decode())
    return f"<record>{head}<metadata>{metadata}</metadata></record>"


def _page(req: ListRequest) -> list[tuple[Source, list[int]]]:
    """The ids of this page and of one item more (which says whether a token is due), by source."""
    wanted = conf.oai_page_size() + 1
    sources = [s for s in sources_for(req.set_spec) if req.prefix in s.formats]
    if req.source:
        sources = sources[[s.name for s in sources].index(req.source) :]
    page: list[tuple[Source, list[int]]] = []
    for source in sources:
        after = req.after_pk if source.name == req.source else 0
        ids = source.ids(
            set_spec=req.set_spec, since=req.since, before=req.before, after_pk=after, limit=wanted
        )
        if ids:
            page.append((source, ids))
            wanted -= len(ids)
        if not wanted:
            break
    return page


def _list(start: str, req: ListRequest, *, base_url: str) -> HttpResponse:
    page = _page(req)
    if not page:
        # Also reached from a token when every remaining item changed after the harvest began
        # (they moved past its frozen `until`): a list element may not be empty.
        error = OaiError("noRecordsMatch", "No item matches these arguments.")
        return _answer(start + error_xml(error) + "</OAI-PMH>")
    size = conf.oai_page_size()
    more = sum(len(ids) for _s, ids in page) > size
    token = ""
    if more:
        last_source, last_ids = page[-1]
        if len(last_ids) == 1:  # the extra item opened a new source: keep the page's last item
            page.pop()
            last_source, last_ids = page[-1]
        else:
            page[-1] = (last_source, last_ids[:-1])
            last_ids = last_ids[:-1]
        value = req.token(source=last_source.name, after_pk=last_ids[-1], cursor=req.cursor + size)
        token = f'<resumptionToken cursor="{req.cursor}">{escape(value)}</resumptionToken>'
    elif req.source:
        token = f'<resumptionToken cursor="{req.cursor}"/>'
    return StreamingHttpResponse(_stream(start, req, page, token, base_url), content_type=CONTENT_TYPE)


def _stream(start: str, req: ListRequest, page, token: str, base_url: str) -> Iterator[bytes]:
    """Records in pieces of about BUFFER bytes: one socket write per record would cost more than
    the record."""
    records = req.verb == "ListRecords"
    buffer = [f"{start}<{req.verb}>"]
    size = 0
    for source, ids in page:
        for header, obj in source.items(ids, with_metadata=records):
            if records:
                piece = _record_xml(source, header, obj, req.prefix, base_url)
            else:
                piece = header_xml(identifier_for(source, header.local_id), header)
            buffer.append(piece)
            size += len(piece)
            if size >= BUFFER:
                yield "".join(buffer).encode()
                buffer, size = [], 0
    buffer.append(f"{token}</{req.verb}></OAI-PMH>")
    yield "".join(buffer).encode()

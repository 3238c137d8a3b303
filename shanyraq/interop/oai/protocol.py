"""OAI-PMH 2.0: arguments, errors, resumption tokens and the XML a response is made of.

Resumption tokens are stateless keysets, signed so a harvester cannot forge one: they carry the
request's arguments, the source and the last primary key sent, and `until` frozen at the first
request (so a record changed during a long harvest moves past it and is picked up by the next
incremental harvest instead of being sent twice or skipped). They never expire.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

from django.core import signing

from shanyraq.interop.oai.sources import BY_NAME, FORMATS, set_exists, sources_for
from shanyraq.interop.xml import NOT_XML

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_XSD = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
TOKEN_SALT = "shanyraq.interop.oai.token"  # noqa: S105 - a signing namespace, not a secret

# verb -> (required, optional) arguments; a resumptionToken is exclusive (checked apart).
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OaiError(Exception):
    """One protocol error: `code` is the OAI error code, the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def datestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value: str, *, end: bool) -> tuple[datetime.datetime, str]:
    """(the instant, its granularity). `end` makes `until` inclusive: the next day or second."""
    try:
        if DAY.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            return (moment + datetime.timedelta(days=1) if end else moment), "day"
        if SECOND.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            return (moment + datetime.timedelta(seconds=1) if end else moment), "second"
    except ValueError:
        pass
    raise OaiError("badArgument", f"{value!r} is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")


@dataclass(frozen=True)
class ListRequest:
    """What a list verb asks for, from its arguments or from a resumption token."""

    verb: str
    prefix: str
    set_spec: str = ""
    since: datetime.datetime | None = None
    before: datetime.datetime | None = None
    source: str = ""
    after_pk: int = 0
    cursor: int = 0

    def token(self, *, source: str, after_pk: int, cursor: int) -> str:
        state = replace(self, source=source, after_pk=after_pk, cursor=cursor)
        return signing.dumps(
            {
                "v": state.verb,
                "p": state.prefix,
                "s": state.set_spec,
                "f": state.since.isoformat() if state.since else None,
                "u": state.before.isoformat() if state.before else None,
                "src": state.source,
                "k": state.after_pk,
                "c": state.cursor,
            },
            salt=TOKEN_SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, verb: str, token: str) -> ListRequest:
        try:
            data = signing.loads(token, salt=TOKEN_SALT)
            if data["v"] != verb or data["src"] not in BY_NAME:
                raise ValueError(data["v"])
            return cls(
                verb=verb,
                prefix=data["p"],
                set_spec=data["s"],
                since=datetime.datetime.fromisoformat(data["f"]) if data["f"] else None,
                before=datetime.datetime.fromisoformat(data["u"]) if data["u"] else None,
                source=data["src"],
                after_pk=int(data["k"]),
                cursor=int(data["c"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise OaiError("badResumptionToken", "The resumption token is invalid.") from error


def check_arguments(params: dict[str, list[str]]) -> str:
    """The verb, once its arguments are legal; raises badVerb or badArgument."""
    verbs = params.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "The verb argument is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    # An argument holding a character XML cannot carry could not be echoed: refused.
    if any(NOT_XML.search(value) for values in params.values() for value in values):
        raise OaiError("badArgument", "An argument holds a character XML cannot carry.")
    repeated = sorted(k for k, values in params.items() if len(values) > 1)
    if repeated:
        raise OaiError("badArgument", f"Repeated argument: {', '.join(repeated)}.")
    given = set(params) - {"verb"}
    required, optional = VERBS[verb]
    illegal = given - required - optional
    if illegal:
        raise OaiError("badArgument", f"Illegal argument for {verb}: {', '.join(sorted(illegal))}.")
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return verb
    missing = required - given
    if missing:
        raise OaiError("badArgument", f"Missing argument for {verb}: {', '.join(sorted(missing))}.")
    return verb


def list_request(verb: str, args: dict[str, str], *, now: datetime.datetime) -> ListRequest:
    if "resumptionToken" in args:
        return ListRequest.from_token(verb, args["resumptionToken"])
    prefix = args["metadataPrefix"]
    since = before = None
    if args.get("from"):
        since, since_grain = parse_date(args["from"], end=False)
    if args.get("until"):
        before, until_grain = parse_date(args["until"], end=True)
    if since and before:
        if since_grain != until_grain:
            raise OaiError("badArgument", "from and until must have the same granularity.")
        if since >= before:
            raise OaiError("badArgument", "from is later than until.")
    set_spec = args.get("set", "")
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"The metadata format {prefix!r} is not supported.")
    if set_spec and not set_exists(set_spec):
        raise OaiError("noRecordsMatch", f"There is no set {set_spec!r}.")
    if not any(prefix in s.formats for s in sources_for(set_spec)):
        raise OaiError("noRecordsMatch", f"No item of this set is available as {prefix!r}.")
    # Frozen at the first page: items changed while the harvest runs wait for the next one.
    return ListRequest(verb=verb, prefix=prefix, set_spec=set_spec, since=since, before=before or now)


def envelope_start(*, now: datetime.datetime, base_url: str, args: dict[str, str] | None) -> str:
    """Everything before the verb's element. `args` None: the request was illegal, so the
    request element carries no attributes (the protocol asks for that on badVerb/badArgument)."""
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in sorted((args or {}).items()))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{OAI_NS} {OAI_XSD}">'
        f"<responseDate>{datestamp(now)}</responseDate>"
        f"<request{attrs}>{escape(base_url)}</request>"
    )


def error_xml(error: OaiError) -> str:
    return f"<error code={quoteattr(error.code)}>{escape(error.message)}</error>"


def header_xml(identifier: str, header) -> str:
    status = ' status="deleted"' if header.deleted else ""
    specs = "".join(f"<setSpec>{escape(s)}</setSpec>" for s in header.sets)
    return (
        f"<header{status}><identifier>{escape(identifier)}</identifier>"
        f"<datestamp>{datestamp(header.datestamp)}</datestamp>{specs}</header>"
    )

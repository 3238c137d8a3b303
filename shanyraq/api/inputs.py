"""Bounded input types and the JSON parser of the API: every limit is in the schema (OpenAPI
shows maxLength, maxItems, minimum, maximum) and is checked before a handler runs, so nothing
oversized reaches a service, a transaction or the database."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.parser import Parser
from pydantic import AfterValidator, StringConstraints

# Lone surrogates cannot be stored (UTF-8 refuses them), NUL cannot be stored in PostgreSQL text.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")
NO_NUL = "^[^\\x00]*$"  # in the schema too, so generated clients and schemathesis know

# Offsets and page numbers fit comfortably in a 64-bit integer, with room to add a page size.
MAX_OFFSET = 1_000_000
MAX_PAGE = 10_000


def _storable(value: str) -> str:
    if _UNSTORABLE.search(value):
        raise ValueError("contains a character that cannot be stored")
    return value


def Text(max_length: int) -> Any:  # noqa: N802 - used like a type: `name: Text(200) = ""`
    """A string of at most `max_length` characters that the database can store."""
    return Annotated[str, StringConstraints(max_length=max_length, pattern=NO_NUL), AfterValidator(_storable)]


# A free-text query parameter: longer text is cut by the handler, a NUL is refused (documented in
# the schema so clients and schemathesis know; core.limits.QueryNulMiddleware answers 400).
FreeQuery = Query("", pattern=NO_NUL)


def QueryText(max_length: int, default: str = "", description: str = "") -> Any:  # noqa: N802
    return Query(default, max_length=max_length, description=description or None)


class StrictJSONParser(Parser):
    """Refuses a body with a lone surrogate anywhere (not text), before validation: 400."""

    def parse_body(self, request):
        data = json.loads(request.body)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError on a lone surrogate
        return data


class Problem(Schema):
    """Every refusal: a sentence in the caller's language, and per-field messages when input was invalid."""

    detail: str
    errors: dict[str, list[str]] | None = None


# The refusals each kind of operation may answer, for the OpenAPI schema (schemathesis checks
# that nothing else comes back).
READ_ERRORS = {400: Problem, 404: Problem}
WRITE_ERRORS = {
    400: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    413: Problem,
    422: Problem,
    429: Problem,
}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return _("At most %(n)s characters, please.") % {"n": ctx.get("max_length")}
    if kind == "too_long":
        return _("At most %(n)s items, please.") % {"n": ctx.get("max_length")}
    if kind in ("less_than_equal", "less_than"):
        return _("At most %(n)s, please.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("greater_than_equal", "greater_than"):
        return _("At least %(n)s, please.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("literal_error", "enum"):
        codes = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
        return _("Use one of: %(codes)s") % {"codes": ", ".join(code for code in codes if code)}
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int_"):
        return _("A whole number, please.")
    if kind.startswith("datetime_"):
        return _("A date and time like 2026-12-08T10:00, please.")
    if kind.startswith("date_"):
        return _("A date like 2026-12-08, please.")
    if kind.startswith("bool_"):
        return _("true or false, please.")
    if kind == "string_pattern_mismatch" or (
        kind == "value_error" and "cannot be stored" in str(error.get("msg", ""))
    ):
        return _("This text contains a character that cannot be stored.")
    return _("This value is not valid.")


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Pydantic's errors as {field: [message, ...]} in the caller's language ("children.3.name")."""
    result: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        if loc and loc[0] == "payload":
            loc = loc[1:]
        result.setdefault(".".join(loc) or "__all__", []).append(_message(error))
    return result

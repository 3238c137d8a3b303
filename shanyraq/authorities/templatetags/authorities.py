"""`{% authority_names "record" record.pk %}`: the names linked to a thing, each in the visitor's
language (or the nearest one there is, marked with its own lang attribute), as <dt>/<dd> rows."""

from django import template

from shanyraq.authorities import selectors

register = template.Library()

_READERS = {
    "record": selectors.record_names,
    "artifact": selectors.artifact_names,
    "program": selectors.program_names,
}


@register.inclusion_tag("authorities/names.html")
def authority_names(kind: str, pk: int, wrap: bool = False) -> dict:
    """`wrap=True` puts the rows in their own <dl> (for a page that has none)."""
    reader = _READERS.get(kind)
    return {"names": reader(pk) if reader is not None and pk else [], "wrap": wrap}

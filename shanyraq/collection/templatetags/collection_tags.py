from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def year_range(artifact) -> str:
    """Signed years as visitors read them: "500-401 BCE", "1850"."""
    first, last = artifact.earliest_year, artifact.latest_year
    if first is None and last is None:
        return ""
    first = first if first is not None else last
    last = last if last is not None else first

    def one(y: int) -> str:
        return _("%(year)s BCE") % {"year": -y} if y < 0 else str(y)

    if first == last:
        return one(first)
    if first < 0 and last < 0:
        return _("%(first)s-%(last)s BCE") % {"first": -first, "last": -last}
    return f"{one(first)} - {one(last)}"


@register.simple_tag(takes_context=True)
def toggle_url(context, name: str, value: str) -> str:
    """The current browse query with one facet value switched on or off (page reset)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    values = query.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    query.setlist(name, values)
    return "?" + query.urlencode()

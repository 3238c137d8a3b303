"""`{% site_head %}`: what every page's head tells crawlers and feed readers.

A public page names its canonical address, itself in the four languages and x-default (hreflang),
and the Atom feeds of every module; a private page (core.discovery.PRIVATE_PATHS) says noindex.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from shanyraq.core import discovery
from shanyraq.site.sections import feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def site_head(context):
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    if not discovery.is_indexable(path):
        return mark_safe('<meta name="robots" content="noindex">')  # noqa: S308 - a constant
    parts = [
        format_html('<link rel="canonical" href="{}">', discovery.canonical(path)),
        format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', discovery.alternates(path)),
        format_html_join(
            "\n",
            '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
            ((title, discovery.absolute(url)) for title, url in feeds()),
        ),
    ]
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is built with format_html

"""`{% social_meta %}`: Open Graph and Twitter card tags for link previews (core.discovery.Social).

    {% social_meta title=title description=summary image=img.display.url image_alt=alt kind="article" %}

Without arguments it describes the site itself (the home page). The URL is the page's canonical
address and the locale the visitor's language, so a shared Kazakh page previews in Kazakh.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join

from shanyraq.core import discovery, languages

register = template.Library()


@register.simple_tag(takes_context=True)
def social_meta(context, title="", description="", image="", image_alt="", kind="website"):
    request = context.get("request")
    site_name = str(context.get("CENTER_NAME", ""))
    social = discovery.Social(
        title=str(title or site_name),
        description=str(description or ""),
        url=discovery.canonical(request.path) if request else "",
        image=str(image or ""),
        image_alt=str(image_alt or ""),
        kind=kind,
        lang=languages.current(),
        site_name=site_name,
    )
    return format_html_join("\n", '<meta {}="{}" content="{}">', social.tags())

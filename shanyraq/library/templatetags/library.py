from django import template

from shanyraq.library import labels

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return labels.language_name(code)


@register.filter
def bcp47(code: str) -> str:
    return labels.bcp47(code)

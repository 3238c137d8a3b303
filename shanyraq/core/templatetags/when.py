"""Template filters for dates, times and numbers in the page's language (see core/when.py).

{% load when %}
{{ session.start|span:session.end }}     суббота, 19 декабря 2026 г., 14:00—17:00
{{ session.start|span_short:session.end }} сб, 19 дек., 14:00—17:00
{{ loan.due_on|day }}                    19 декабря 2026 г.   ({{ x|day:"short" }}: 19.12.2026)
{{ first|month }}                        декабрь 2026 г.
{{ day|weekday_day }}                    сб, 19 дек.
{{ s.start|clock }}                      14:00 (2:00 PM in English)
{{ m.created_at|moment }}                19 дек. 2026 г., 14:00
{{ n|number }}                           12 345
"""

from django import template

from shanyraq.core import when

register = template.Library()


@register.filter
def day(value, width="long"):
    return when.day(value, width or "long")


@register.filter
def weekday_day(value):
    return when.weekday_day(value)


@register.filter
def month(value):
    return when.month(value)


@register.filter
def clock(value, seconds=False):
    return when.clock(value, seconds=bool(seconds))


@register.filter
def moment(value, width="medium"):
    return when.moment(value, width or "medium")


@register.filter
def span(start, end):
    return when.span(start, end, "full")


@register.filter
def span_short(start, end):
    return when.span(start, end, "weekday")


@register.filter
def number(value):
    return when.number(value)

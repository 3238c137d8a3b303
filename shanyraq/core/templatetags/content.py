"""Template tags for content stored per language.

`{% tr artifact "title" %}` prints the title in the visitor's language. When it had to fall
back to another language, the text is wrapped in `<span lang="..">` so screen readers and
fonts switch correctly, and the span carries the class `fallback` so it can be styled.
"""

from django import template
from django.utils.html import format_html

from shanyraq.core import languages

register = template.Library()


@register.simple_tag
def tr(obj, field: str):
    text, lang = languages.translated(obj, field)
    if not text:
        return ""
    if lang != languages.current():
        return format_html('<span lang="{}" class="fallback">{}</span>', lang, text)
    return text


@register.simple_tag
def tr_text(obj, field: str) -> str:
    """Plain text (escaped by autoescape) for attributes such as alt and title."""
    return languages.translated(obj, field)[0]


@register.filter
def lang_of(obj, field: str) -> str:
    """The language the visitor will actually read for this field."""
    return languages.translated(obj, field)[1]


@register.simple_tag(takes_context=True)
def switch_language_url(context, code: str) -> str:
    """The same page in another language (keeps the query string)."""
    from django.urls import translate_url

    request = context.get("request")
    if request is None:
        return f"/{code}/"
    url = translate_url(request.path, code)
    if url == request.path and not url.startswith(f"/{code}/"):
        url = f"/{code}/"
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs on blank lines (autoescape still applies)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]

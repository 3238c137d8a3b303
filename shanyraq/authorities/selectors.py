"""Reads of authorities: lists for staff, names in a visitor's language, and the query-side
expansion search uses (every form of every authority a query names)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Value
from django.utils import translation

from shanyraq.authorities.models import ArtifactLink, Authority, Key, ProgramLink, RecordLink
from shanyraq.core import languages
from shanyraq.search.normalizer import phrase

MAX_NGRAM = 8  # words in the longest name a query is looked up for
MAX_EXPANSIONS = 3  # authorities one query expands to
HAN_MIN = 2


def authority_list(q: str = "", kind: str = "") -> QuerySet[Authority]:
    qs = Authority.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if q.strip():
        key = phrase(q)
        ids = Key.objects.filter(key__contains=key).values("authority_id") if key else []
        qs = qs.filter(Q(pk__in=ids) | Q(variants__text__icontains=q.strip()) | Q(name__icontains=q.strip()))
    return qs.distinct().order_by("name_en", "pk")


def forms_of(authority: Authority) -> list[str]:
    """Every distinct form: the four preferred forms, then the variants."""
    forms = [getattr(authority, f"name_{lang}") or "" for lang in ("zh_hans", "en", "kk", "ru")]
    forms += list(authority.variants.values_list("text", flat=True))
    return [f for f in dict.fromkeys(forms) if f]


def display_name(authority: Authority, lang: str | None = None) -> tuple[str, str]:
    """(name, language code it is in): the visitor's language, else the site's fallback chain."""
    for code in languages.fallback_chain(lang or translation.get_language()):
        value = languages.value_in(authority, "name", code)
        if value:
            return value, code
    return str(authority), "en"


@dataclass(frozen=True)
class LinkedName:
    name: str
    lang: str
    role: str
    authority_id: int


def _names(links, lang: str | None) -> list[LinkedName]:
    result = []
    for link in links.select_related("authority").order_by("role", "authority__name_en", "pk"):
        name, code = display_name(link.authority, lang)
        result.append(LinkedName(name, code, link.get_role_display(), link.authority_id))
    return result


def record_names(record_id: int, lang: str | None = None) -> list[LinkedName]:
    return _names(RecordLink.objects.filter(record_id=record_id), lang)


def artifact_names(artifact_id: int, lang: str | None = None) -> list[LinkedName]:
    return _names(ArtifactLink.objects.filter(artifact_id=artifact_id), lang)


def program_names(program_id: int, lang: str | None = None) -> list[LinkedName]:
    return _names(ProgramLink.objects.filter(program_id=program_id), lang)


def _spans(words: list[str]) -> dict[str, tuple[int, int]]:
    """Every run of up to MAX_NGRAM consecutive words (and, inside a Han word, every substring of
    two or more characters: Chinese is written without spaces) → its position."""
    spans: dict[str, tuple[int, int]] = {}
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_NGRAM) + 1):
            spans.setdefault(" ".join(words[i:j]), (i, j))
        w = words[i]
        if any("\u3400" <= ch <= "\u9fff" for ch in w) and len(w) > HAN_MIN:
            for a in range(len(w)):
                for b in range(a + HAN_MIN, len(w) + 1):
                    spans.setdefault(w[a:b], (i, i + 1))
    return spans


def authorities_with_form(name: str) -> list[int]:
    """Ids of the authorities that have exactly this form (in any script that keys alike)."""
    key = phrase(name)
    return sorted(Key.objects.filter(key=key).values_list("authority_id", flat=True)) if key else []


def authorities_named_in(text: str) -> list[int]:
    """Ids of the authorities one of whose forms occurs in `text` (word runs, Han substrings)."""
    words = phrase(text).split()
    if not words:
        return []
    spans = _spans(words[:64])
    return sorted(set(Key.objects.filter(key__in=list(spans)).values_list("authority_id", flat=True)))


@dataclass(frozen=True)
class Expansion:
    """A query that names an authority: other queries to run (the named span replaced by each
    other form) and the (kind, object_id) of things linked to that authority."""

    queries: tuple[str, ...]
    linked: tuple[tuple[str, str], ...]


def expand_query(q: str, limit: int = MAX_EXPANSIONS) -> Expansion:
    """Find the authorities whose forms occur in the query (longest first) and spell it out in
        every other form. One indexed lookup when no name matches; two more when one does (the forms
    with their variants, and the linked things of every kind when the query is the name alone)."""
    tokens: list[tuple[str, str]] = []  # (key word, the query's own spelling of it)
    for raw in q.split()[:32]:
        keys = phrase(raw).split()
        tokens += [(keys[0], raw)] if len(keys) == 1 else [(k, k) for k in keys]
    words = [k for k, _raw in tokens]
    raws = [r for _k, r in tokens]
    if not words:
        return Expansion((), ())
    spans = _spans(words)
    hits = list(Key.objects.filter(key__in=list(spans)).values_list("key", "authority_id"))
    if not hits:
        return Expansion((), ())
    hits.sort(key=lambda h: (-(spans[h[0]][1] - spans[h[0]][0]), -len(h[0]), h[1]))
    chosen: dict[int, str] = {}
    taken: set[int] = set()  # query words already named: "Alma-Ata" is Almaty, not Almaty + "Ata"
    for key, authority_id in hits:
        start, end = spans[key]
        words_of = set(range(start, end))
        if authority_id in chosen or len(chosen) >= limit:
            continue
        same_span = any(spans[k] == (start, end) for k in chosen.values())  # one form, two names
        if words_of & taken and not same_span:
            continue
        chosen[authority_id] = key
        taken |= words_of
    forms: dict[int, list[str]] = {}  # one query (a LEFT JOIN) for the chosen authorities' forms
    for pk, *names, variant in Authority.objects.filter(pk__in=list(chosen)).values_list(
        "pk", "name_zh_hans", "name_en", "name_kk", "name_ru", "variants__text"
    ):
        if pk not in forms:
            forms[pk] = [n for n in names if n]
        if variant:
            forms[pk].append(variant)
    queries: list[str] = []
    for authority_id, key in chosen.items():
        start, end = spans[key]
        before, after = raws[:start], raws[end:]
        inside = " " not in key and key != words[start]  # a Han name inside a longer Han word
        for form in dict.fromkeys(forms.get(authority_id, [])):
            if phrase(form) == key:
                continue
            middle = words[start].replace(key, f" {form} ", 1) if inside else form
            queries.append(" ".join([*before, middle, *after]).strip())
    # Linked things match on the name alone: a query with other words must match those words.
    ids = [a for a, key in chosen.items() if spans[key] == (0, len(words))]
    if not ids:
        return Expansion(tuple(dict.fromkeys(queries)), ())
    # The linked things of every kind in one query (every search naming an authority runs it).
    links = [
        model.objects.filter(authority_id__in=ids).values_list(Value(kind), f"{kind}_id")
        for model, kind in ((RecordLink, "record"), (ArtifactLink, "artifact"), (ProgramLink, "program"))
    ]
    linked = [(kind, str(x)) for kind, x in links[0].union(*links[1:], all=True)]
    return Expansion(tuple(dict.fromkeys(queries)), tuple(dict.fromkeys(linked)))


def search_expander(q: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The hook search calls with every query (registered in apps.py)."""
    expansion = expand_query(q)
    return list(expansion.queries), list(expansion.linked)


@dataclass(frozen=True)
class LinkRow:
    target: str
    link_id: int
    label: str
    role: str
    url: str


def links_of(authority: Authority) -> list[LinkRow]:
    """What links to this authority, for the staff edit page."""
    rows: list[LinkRow] = []
    for link in RecordLink.objects.filter(authority=authority).select_related("record").order_by("pk"):
        rows.append(
            LinkRow(
                "record", link.pk, link.record.title, link.get_role_display(), link.record.get_absolute_url()
            )
        )
    for link in ArtifactLink.objects.filter(authority=authority).select_related("artifact").order_by("pk"):
        a = link.artifact
        rows.append(
            LinkRow(
                "artifact",
                link.pk,
                f"{a.accession_number} {a.title}",
                link.get_role_display(),
                a.get_absolute_url(),
            )
        )
    for link in ProgramLink.objects.filter(authority=authority).select_related("program").order_by("pk"):
        rows.append(
            LinkRow(
                "program",
                link.pk,
                link.program.title,
                link.get_role_display(),
                link.program.get_absolute_url(),
            )
        )
    return rows

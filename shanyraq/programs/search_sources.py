"""Programs in the search index: visitors find a dombra course by typing домбыра, dombra or 冬不拉."""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale
from django.utils import translation
from django.utils.translation import pgettext_lazy

from shanyraq.core import languages
from shanyraq.programs.models import Program
from shanyraq.search.documents import SearchDocument

KIND = "program"

# What a visitor may call a program of each kind, besides its label (decision 022). Indexed in
# every language, so "learn Kazakh" or «курсы казахского» find a course whatever its title says.
KIND_WORDS = {
    Program.Kind.COURSE: pgettext_lazy("search words", "course class lessons learn study"),
    Program.Kind.WORKSHOP: pgettext_lazy("search words", "workshop master class hands-on"),
    Program.Kind.PERFORMANCE: pgettext_lazy("search words", "performance concert show"),
    Program.Kind.LECTURE: pgettext_lazy("search words", "lecture talk"),
    Program.Kind.SCREENING: pgettext_lazy("search words", "screening film cinema"),
    Program.Kind.TOUR: pgettext_lazy("search words", "guided tour excursion"),
    Program.Kind.MEETUP: pgettext_lazy("search words", "exchange meet-up conversation club"),
}
# A program with a CEFR level teaches a language.
LANGUAGE_COURSE = pgettext_lazy("search words", "language course")
LEVEL_WORDS = {
    "A1": pgettext_lazy("search words", "beginners"),
    "A2": pgettext_lazy("search words", "elementary"),
    "B1": pgettext_lazy("search words", "intermediate"),
    "B2": pgettext_lazy("search words", "upper intermediate"),
    "C1": pgettext_lazy("search words", "advanced"),
    "C2": pgettext_lazy("search words", "proficiency"),
}
_LOCALES = {"zh-hans": "zh_Hans", "en": "en", "kk": "kk", "ru": "ru"}
_LANGUAGE_OF = {"zh-hans": "zh", "en": "en", "kk": "kk", "ru": "ru"}


def what_it_is(program: Program) -> str:
    """The program's kind, level and language of instruction as words in every language."""
    words = [program.level] if program.level else []
    for code in languages.codes():
        with translation.override(code):
            words.append(str(program.get_kind_display()))
            if program.kind in KIND_WORDS:
                words.append(str(KIND_WORDS[program.kind]))
            if program.level:
                words += [str(LANGUAGE_COURSE), str(LEVEL_WORDS.get(program.level, ""))]
        if program.language in _LANGUAGE_OF:
            locale = Locale.parse(_LOCALES.get(code, "en"))
            words.append(locale.languages.get(_LANGUAGE_OF[program.language], ""))
    return " ".join(w for w in words if w)


def document(program: Program) -> SearchDocument:
    descriptions = languages.as_dict(program, "description")
    return SearchDocument(
        kind=KIND,
        object_id=str(program.pk),
        titles=languages.as_dict(program, "title"),
        names=[t.name for t in program.teachers.all()],
        text=" ".join([*descriptions.values(), what_it_is(program)]),
        path=f"/programs/{program.pk}/",
        summaries={code: text[:200] for code, text in descriptions.items()},
        public=program.is_published,
    )


def documents(ids=None) -> Iterable[SearchDocument]:
    qs = Program.objects.prefetch_related("teachers")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for program in qs.iterator(chunk_size=200):
        yield document(program)


def index(program: Program) -> None:
    """Called by the services after a write (no signals)."""
    from django.db import transaction

    from shanyraq.search.services import index_documents

    transaction.on_commit(lambda: index_documents(documents(ids=[program.pk])))

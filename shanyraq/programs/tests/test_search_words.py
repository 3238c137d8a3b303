"""What a program is counts as words of it (decision 022): its kind, level and language of
instruction are indexed in all four languages, so visitors' everyday phrasings find the center's
Kazakh language courses. The programs are the demo's (programs/demo.py), created through the
service; runs on the suite's database (SQLite or PostgreSQL)."""

from __future__ import annotations

import pytest

from shanyraq.programs import search_sources
from shanyraq.programs.demo import PROGRAMS
from shanyraq.programs.services.sessions import program_create
from shanyraq.search.selectors import search
from shanyraq.search.services import index_clear, index_documents

pytestmark = pytest.mark.django_db

KAZAKH_COURSES = {"kazakh-a1", "kazakh-a2"}


@pytest.fixture
def programs(db):
    index_clear()
    keys = {}
    for spec in PROGRAMS:
        fields = {f: spec[f] for f in ("level", "language", "min_age", "max_age") if spec.get(f)}
        program = program_create(
            title=spec["title"],
            kind=spec["kind"],
            description=spec["description"],
            is_published=True,
            **fields,
        )
        keys[str(program.pk)] = spec["key"]
    index_documents(search_sources.documents())
    return keys


def top(programs: dict[str, str], q: str, n: int) -> set[str]:
    return {programs[h.object_id] for h in search(q, kind="program", limit=n)}


@pytest.mark.parametrize(
    "q",
    [
        "Kazakh course",
        "Kazakh language course",
        "learn Kazakh",
        "Kazakh classes",
        "Kazakh language lessons",
        "курсы казахского языка",
        "изучать казахский",
        "қазақ тілі курсы",
        "қазақ тілін үйрену",
        "哈萨克语课程",
        "学习哈萨克语",
    ],
)
def test_everyday_phrasing_finds_the_kazakh_language_courses_first(programs, q):
    assert top(programs, q, 2) == KAZAKH_COURSES


@pytest.mark.parametrize("q", ["language course", "языковой курс", "тіл курсы", "语言课程"])
def test_a_language_course_is_found_as_one_in_every_language(programs, q):
    assert top(programs, q, 2) == KAZAKH_COURSES


@pytest.mark.parametrize(
    ("q", "key"),
    [
        ("beginners Kazakh", "kazakh-a1"),
        ("казахский для начинающих", "kazakh-a1"),
        ("哈萨克语初级", "kazakh-a2"),
    ],
)
def test_the_level_finds_the_right_course(programs, q, key):
    assert [programs[h.object_id] for h in search(q, kind="program", limit=1)] == [key]


@pytest.mark.parametrize("q", ["concert", "концерт", "концерт домбыра", "音乐会"])
def test_the_kind_of_program_is_a_word_of_it(programs, q):
    assert "concert" in top(programs, q, 1)


def test_what_it_is_lists_kind_level_and_language_in_four_languages(programs):
    from shanyraq.programs.models import Program

    a1 = Program.objects.get(pk=next(pk for pk, key in programs.items() if key == "kazakh-a1"))
    words = search_sources.what_it_is(a1)
    for word in ("Course", "Курс", "课程", "language course", "языковой курс", "A1", "Chinese", "китайский"):
        assert word in words

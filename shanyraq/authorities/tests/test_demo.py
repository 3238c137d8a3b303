"""The demo loads the starter file and links the demo's books, artifacts and programs to it; then
the issue's cross-language name searches work on the demo center."""

import pytest

from shanyraq.authorities import demo
from shanyraq.authorities.models import ArtifactLink, Authority, ProgramLink, RecordLink
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.library.models import Contributor
from shanyraq.library.tests.factories import RecordFactory
from shanyraq.programs.tests.factories import ProgramFactory
from shanyraq.search.documents import SearchDocument
from shanyraq.search.selectors import search
from shanyraq.search.services import index_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def center():
    abai_book = RecordFactory(title="Қара сөздер", language="kaz")
    Contributor.objects.create(record=abai_book, name="Абай Құнанбайұлы")
    lu_book = RecordFactory(title="呐喊", language="chi")
    Contributor.objects.create(record=lu_book, name="鲁迅")
    plain = RecordFactory(title="Felt and wool")
    Contributor.objects.create(record=plain, name="Nobody Known")
    dombra = ArtifactFactory(title_en="Dombra said to be Kurmangazy's")
    concert = ProgramFactory(title_en="An evening of Shostakovich", title_ru="Вечер Шостаковича")
    counts = demo.load()
    return {
        "abai_book": abai_book,
        "lu_book": lu_book,
        "plain": plain,
        "dombra": dombra,
        "concert": concert,
        "counts": counts,
    }


def _id(control):
    return Authority.objects.get(control_number=control).pk


def test_demo_books_are_linked_to_their_authors(center):
    assert list(
        RecordLink.objects.filter(record=center["abai_book"]).values_list("authority_id", "role")
    ) == [(_id("shq:abai"), "author")]
    assert list(
        RecordLink.objects.filter(record=center["lu_book"]).values_list("authority_id", flat=True)
    ) == [_id("shq:luxun")]
    assert not RecordLink.objects.filter(record=center["plain"]).exists()


def test_demo_artifacts_and_programs_are_linked_to_the_names_in_their_titles(center):
    assert list(
        ArtifactLink.objects.filter(artifact=center["dombra"]).values_list("authority_id", flat=True)
    ) == [_id("shq:kurmangazy")]
    assert list(
        ProgramLink.objects.filter(program=center["concert"]).values_list("authority_id", flat=True)
    ) == [_id("shq:shostakovich")]
    assert center["counts"]["authorities created"] == Authority.objects.count()


def test_a_wade_giles_or_russian_name_finds_a_book_linked_by_its_hanzi_author(center):
    index_documents(
        [
            SearchDocument(
                kind="record", object_id=str(center["lu_book"].pk), titles={"": "呐喊"}, names=["鲁迅"]
            )
        ]
    )
    for q in ("Lu Hsün", "Лу Синь", "Zhou Shuren"):
        assert [h.object_id for h in search(q, kind="record")] == [str(center["lu_book"].pk)], q

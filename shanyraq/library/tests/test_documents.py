"""A record's index entry (library/documents.py): what a record is counts as words of it."""

import pytest

from shanyraq.library.documents import record_document
from shanyraq.library.marc.common import RecordData
from shanyraq.search.selectors import search_ids
from shanyraq.search.services import index_clear, index_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(db):
    index_clear()
    score = RecordData(title="Күйлер", format="score", language="kaz")
    book = RecordData(title="Күй туралы", format="book", language="rus")
    index_documents(
        [
            record_document(score, [("Құрманғазы", "")], [], pk=1, is_public=True),
            record_document(book, [("Ахмет Жұбанов", "")], [], pk=2, is_public=True),
        ]
    )


@pytest.mark.parametrize(
    "q", ["Kazakh music score", "ноты", "乐谱 哈萨克语", "күйлер ноталар", "sheet music"]
)
def test_the_form_and_language_of_a_record_are_words_of_it_in_every_language(shelf, q):
    assert search_ids(q, kind="record") == ["1"]


def test_the_language_of_a_book_finds_it_in_another_language(shelf):
    assert search_ids("Russian book", kind="record") == ["2"]
    assert search_ids("күй кітап", kind="record") == ["2"]

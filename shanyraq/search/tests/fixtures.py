"""Pytest fixtures other test packages may import (e.g. the API tests)."""

import pytest

from shanyraq.search.services import index_clear, index_documents
from shanyraq.search.tests.corpus import DOCUMENTS


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The multilingual fixture corpus, indexed once per module (and removed afterwards)."""
    with django_db_blocker.unblock():
        index_clear()
        index_documents(DOCUMENTS)
    yield DOCUMENTS
    with django_db_blocker.unblock():
        index_clear()

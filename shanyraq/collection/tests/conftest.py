import pytest


@pytest.fixture
def vocab(db):
    from shanyraq.collection.vocabularies import vocabularies_load

    vocabularies_load()


@pytest.fixture
def curator(staff_user):
    return staff_user("curator", username="curator-fixture")

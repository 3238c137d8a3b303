import os

import pytest
from django.conf import settings

# WhiteNoise warns (an error under our test settings) when STATIC_ROOT does not exist yet.
os.makedirs(settings.STATIC_ROOT, exist_ok=True)


@pytest.fixture
def vocab(db):
    from shanyraq.collection.vocabularies import vocabularies_load

    vocabularies_load()


@pytest.fixture
def curator(staff_user):
    return staff_user("curator", username="curator-fixture")

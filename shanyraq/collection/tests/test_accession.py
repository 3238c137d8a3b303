"""Accession numbers: the configured pattern, never the same number twice, even in a race."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.test import override_settings
from django.utils import timezone

from shanyraq.collection.models import Artifact
from shanyraq.collection.services.artifacts import accession_number_next, artifact_create
from shanyraq.collection.tests.factories import ArtifactFactory


@pytest.mark.django_db
def test_artifact_create_assigns_the_next_number_of_the_year_pattern():
    year = timezone.localdate().year
    first = artifact_create(actor=None, title_en="Cauldron")
    second = artifact_create(actor=None, title_en="Mirror")
    assert (first.accession_number, second.accession_number) == (f"KCC.{year}.0001", f"KCC.{year}.0002")


@pytest.mark.django_db
@override_settings(COLLECTION_ACCESSION_PATTERN="BJ/{year}/{seq}")
def test_the_pattern_comes_from_settings():
    with transaction.atomic():
        assert accession_number_next(year=2030) == "BJ/2030/1"


@pytest.mark.django_db
def test_a_number_already_taken_by_an_import_is_skipped():
    ArtifactFactory(accession_number="KCC.2031.0001")
    with transaction.atomic():
        assert accession_number_next(year=2031) == "KCC.2031.0002"


@pytest.mark.django_db
def test_a_typed_accession_number_cannot_be_used_twice():
    from django.core.exceptions import ValidationError

    ArtifactFactory(accession_number="KCC.X.1")
    with pytest.raises(ValidationError):
        artifact_create(actor=None, accession_number="KCC.X.1", title_en="Copy")
    assert Artifact.objects.filter(accession_number="KCC.X.1").count() == 1


def _race(workers: int, target) -> list:
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def run(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_never_gives_a_number_twice():
    numbers = _race(
        8, lambda i: artifact_create(actor=None, title_en=f"Race {i}", index=False).accession_number
    )
    assert len(numbers) == 8
    assert len(set(numbers)) == 8
    assert Artifact.objects.count() == 8


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_hands_out_duplicates():
    """The race the counter lock prevents: read max, then write, without holding a lock."""
    import time

    def unguarded(i):
        taken = Artifact.objects.count()  # read outside any transaction
        time.sleep(0.05)
        return taken + 1

    numbers = _race(6, unguarded)
    assert len(set(numbers)) < len(numbers)

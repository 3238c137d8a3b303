"""Two curators at two desks: a loan out never takes an artifact twice, nor comes back twice."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from shanyraq.collection.models import Artifact, LoanOut, Movement
from shanyraq.collection.services.loans import loan_out_create, loan_out_return
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import ArtifactFactory, StorageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(targets) -> tuple[list, list]:
    """Run each target in its own thread, released together; return (results, errors)."""
    results, errors = [], []
    barrier = threading.Barrier(len(targets))

    def run(target):
        try:
            barrier.wait()
            results.append(target())
        except ValidationError as exc:
            errors.append(exc.messages[0])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def lend(agreement: str, artifacts):
    return lambda: loan_out_create(
        actor=None,
        borrower=f"Museum {agreement}",
        agreement_number=agreement,
        artifacts=artifacts,
        insurance_value=Decimal("100"),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 12, 1),
    )


def test_two_loans_of_the_same_artifact_at_once_give_one_loan():
    storage = StorageFactory()
    art = ArtifactFactory(accession_number="KCC.R.1")
    artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    results, errors = race([lend("A-1", [art]), lend("B-1", [art])])
    assert (len(results), errors) == (1, ["KCC.R.1 cannot be lent in its present status."])
    assert LoanOut.objects.count() == 1
    assert Artifact.objects.get(pk=art.pk).status == Artifact.Status.ON_LOAN_OUT


def test_two_returns_of_the_same_loan_at_once_move_each_artifact_home_once():
    storage = StorageFactory()
    arts = [ArtifactFactory(accession_number=f"KCC.R.{n}") for n in (2, 3)]
    for art in arts:
        artifact_move(actor=None, artifact=art, space=storage, reason="storage")
    loan = lend("C-1", arts)()
    before = Movement.objects.count()
    results, errors = race(
        [
            lambda: loan_out_return(
                actor=None, loan=loan, space=storage, returned_on=datetime.date(2025, 11, 1)
            )
        ]
        * 2
    )
    assert (len(results), errors) == (1, ["This loan is already returned."])
    assert Movement.objects.count() - before == 2

"""Two desks scan the same copy at the same moment: exactly one loan, on SQLite and PostgreSQL."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from shanyraq.library.models import Copy, Loan
from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.tests.factories import CopyFactory, PatronFactory


def race(n, fn):
    barrier = threading.Barrier(n)
    results = []
    lock = threading.Lock()

    def run(i):
        try:
            barrier.wait()
            outcome = fn(i)
        except ValidationError as exc:
            outcome = ("refused", exc.messages[0])
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_desks_checking_out_one_copy_give_exactly_one_loan():
    copy = CopyFactory()
    patrons = [PatronFactory(), PatronFactory()]
    results = race(2, lambda i: ("ok", copy_checkout(barcode=copy.barcode, patron=patrons[i]).pk))
    assert sorted(r[0] for r in results) == ["ok", "refused"]
    assert [r[1] for r in results if r[0] == "refused"] == ["This copy is already on loan."]
    assert Loan.objects.filter(copy=copy).count() == 1
    assert Copy.objects.get(pk=copy.pk).status == Copy.Status.ON_LOAN


@pytest.mark.django_db(transaction=True)
def test_eight_desks_racing_for_one_copy_give_exactly_one_loan():
    copy = CopyFactory()
    patrons = [PatronFactory() for _ in range(8)]
    results = race(8, lambda i: ("ok", copy_checkout(barcode=copy.barcode, patron=patrons[i]).pk))
    assert [r[0] for r in results].count("ok") == 1
    assert Loan.objects.filter(copy=copy).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_patron_at_two_desks_cannot_pass_the_loan_limit():
    from shanyraq.library.models import LoanRule

    LoanRule.objects.create(
        patron_category="adult", copy_type="standard", loan_days=14, renewals=0, max_loans=1
    )
    patron = PatronFactory()
    copies = [CopyFactory(), CopyFactory()]
    results = race(2, lambda i: ("ok", copy_checkout(barcode=copies[i].barcode, patron=patron).pk))
    assert sorted(r[0] for r in results) == ["ok", "refused"]
    assert Loan.objects.filter(patron=patron).count() == 1

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


def _on_loan_to_someone():
    from shanyraq.library.services.circulation import copy_checkout as lend

    copy = CopyFactory()
    return copy, lend(barcode=copy.barcode, patron=PatronFactory())


@pytest.mark.django_db(transaction=True)
def test_two_desks_returning_and_lending_one_copy_lend_it_once():
    """Both desks saw the copy on loan to the same reader; only one may take it from that loan."""
    from shanyraq.library.services.circulation import copy_return_and_lend

    copy, seen = _on_loan_to_someone()
    readers = [PatronFactory(), PatronFactory()]
    results = race(
        2,
        lambda i: (
            "ok",
            copy_return_and_lend(barcode=copy.barcode, patron=readers[i], loan_id=seen.pk).pk,
        ),
    )
    assert sorted(r[0] for r in results) == ["ok", "refused"]
    assert [r[1] for r in results if r[0] == "refused"] == [
        "This copy was lent again meanwhile. Scan it again."
    ]
    assert Loan.objects.filter(copy=copy).count() == 2  # the old loan, closed, and one new one


@pytest.mark.django_db(transaction=True)
def test_control_without_the_seen_loan_the_second_desk_takes_the_copy_from_the_first():
    """The control: without `loan_id` both desks "succeed", the second closing the first's new loan."""
    from shanyraq.library.services.circulation import copy_return_and_lend

    copy, _seen = _on_loan_to_someone()
    readers = [PatronFactory(), PatronFactory()]
    results = race(2, lambda i: ("ok", copy_return_and_lend(barcode=copy.barcode, patron=readers[i]).pk))
    assert [r[0] for r in results] == ["ok", "ok"]
    assert Loan.objects.filter(copy=copy).count() == 3

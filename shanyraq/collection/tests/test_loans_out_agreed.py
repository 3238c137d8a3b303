"""A loan out agreed for a later date: the objects stay in the hall (and the public page says
nothing of a loan) until the first day, when the daily job sends them; two loans never promise
the same object for overlapping dates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shanyraq.collection.models import Artifact, LoanOut
from shanyraq.collection.services.loans import loan_out_create, loan_out_return, loans_out_start
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import ArtifactFactory, SpaceFactory
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_view(clock):
    hall = SpaceFactory(name_en="Hall 1", is_public=True)
    art = ArtifactFactory(accession_number="KCC.L.1", title_en="Saka gold plaque", published=True)
    artifact_move(actor=None, artifact=art, space=hall, reason="installation")
    art.refresh_from_db()
    assert art.status == Artifact.Status.ON_VIEW
    return art


def lend(art, agreement, start, end):
    return loan_out_create(
        actor=None,
        borrower=f"Museum {agreement}",
        agreement_number=agreement,
        artifacts=[art],
        insurance_value=Decimal("5000"),
        start_date=start,
        end_date=end,
    )


def test_a_loan_agreed_16_days_ahead_leaves_the_object_on_view_until_it_starts(on_view, client, clock):
    today = timezone.localdate()
    loan = lend(on_view, "L-1", today + datetime.timedelta(days=16), today + datetime.timedelta(days=90))
    on_view.refresh_from_db()
    assert (loan.status, on_view.status) == (LoanOut.Status.AGREED, Artifact.Status.ON_VIEW)
    page = client.get("/en/collection/artifacts/KCC.L.1/").content.decode()
    assert "Currently lent to another museum." not in page

    assert loans_out_start(today=today + datetime.timedelta(days=15)) == 0
    on_view.refresh_from_db()
    assert on_view.status == Artifact.Status.ON_VIEW

    clock.move_to(timezone.now() + datetime.timedelta(days=16))
    assert loans_out_start() == 1
    loan.refresh_from_db(), on_view.refresh_from_db()
    assert (loan.status, on_view.status) == (LoanOut.Status.ACTIVE, Artifact.Status.ON_LOAN_OUT)
    assert (
        "Currently lent to another museum."
        in client.get("/en/collection/artifacts/KCC.L.1/").content.decode()
    )
    assert AuditEvent.objects.filter(action="collection.loan_out_start").count() == 1
    assert loans_out_start() == 0  # a second run changes nothing


def test_a_loan_starting_today_sends_the_object_at_once(on_view):
    today = timezone.localdate()
    loan = lend(on_view, "L-2", today, today + datetime.timedelta(days=30))
    on_view.refresh_from_db()
    assert (loan.status, on_view.status) == (LoanOut.Status.ACTIVE, Artifact.Status.ON_LOAN_OUT)


def test_an_object_promised_for_overlapping_dates_is_refused_and_named(on_view):
    today = timezone.localdate()
    lend(on_view, "L-3", today + datetime.timedelta(days=10), today + datetime.timedelta(days=40))
    with pytest.raises(ValidationError) as refused:
        lend(on_view, "L-4", today + datetime.timedelta(days=30), today + datetime.timedelta(days=60))
    assert "KCC.L.1 is already promised to Museum L-3" in refused.value.messages[0]
    # After the first loan's dates, the object can be promised again.
    later = lend(on_view, "L-5", today + datetime.timedelta(days=41), today + datetime.timedelta(days=60))
    assert later.status == LoanOut.Status.AGREED


def test_an_agreed_loan_cannot_be_marked_returned(on_view):
    today = timezone.localdate()
    loan = lend(on_view, "L-6", today + datetime.timedelta(days=5), today + datetime.timedelta(days=20))
    with pytest.raises(ValidationError):
        loan_out_return(actor=None, loan=loan, space=SpaceFactory(name_en="Store"))

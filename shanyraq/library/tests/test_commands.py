"""Daily jobs as commands: expire holds, send overdue reminders, import with --merge."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from shanyraq.library.models import Hold, Loan, Record
from shanyraq.library.services import circulation as circ
from shanyraq.library.tests.data import DATA
from shanyraq.library.tests.factories import CopyFactory, PatronFactory

pytestmark = pytest.mark.django_db


def test_expire_holds_command():
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    hold = circ.hold_place(record=copy.record, patron=PatronFactory())
    circ.copy_checkin(barcode=copy.barcode)
    Hold.objects.filter(pk=hold.pk).update(ready_until=timezone.localdate() - dt.timedelta(days=1))
    out = io.StringIO()
    call_command("expire_holds", stdout=out)
    assert out.getvalue().strip() == "expired holds: 1"


def test_send_overdue_reminders_command_sends_mail(django_capture_on_commit_callbacks):
    loan = circ.copy_checkout(barcode=CopyFactory().barcode, patron=PatronFactory())
    Loan.objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_overdue_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_import_command_merge_updates_duplicates():
    path = str(DATA / "marc-multiscript-880" / "pymarc__1251.dat")
    call_command("import_marc", path, stdout=io.StringIO())
    Record.objects.update(title="x")
    out = io.StringIO()
    call_command("import_marc", path, "--merge", stdout=out)
    assert "merged=6" in out.getvalue()
    assert not Record.objects.filter(title="x").exists()

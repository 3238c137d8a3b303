"""Import only as "asked to confirm" with a per-row report; export; a reader's data; erasure."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from shanyraq.mail.models import OutboxMessage
from shanyraq.newsletter.models import ConsentRecord, Subscriber, Suppression, email_hash
from shanyraq.newsletter.services.lists import subscribers_export, subscribers_import
from shanyraq.newsletter.tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_an_imported_list_only_asks_each_new_address_to_confirm_and_reports_every_row(clock):
    SubscriberFactory(email="reader@example.org")
    Suppression.objects.create(email_hash=email_hash("gone@example.org"), reason="unsubscribed")
    data = (
        "email;language;topics\n"
        "new@example.org;kk;library;concerts\n"
        "reader@example.org;en;\n"
        "gone@example.org;ru;\n"
        "not an address;en;\n"
        "NEW@example.org;en;\n"
        "odd@example.org;de;\n"
    ).encode("cp1251")
    report = subscribers_import(data=data, filename="list.csv")
    assert [(r.row, r.outcome) for r in report.rows] == [
        (2, "invited"),
        (3, "subscribed"),
        (4, "suppressed"),
        (5, "invalid"),
        (6, "duplicate"),
        (7, "bad_value"),
    ]
    new = Subscriber.objects.get(email="new@example.org")
    assert (new.status, new.language) == ("pending", "kk")
    assert new.consents.get().action == ConsentRecord.Action.INVITED
    assert list(OutboxMessage.objects.values_list("to_email", "topic")) == [
        ("new@example.org", "newsletter.confirm")
    ]
    assert not Subscriber.objects.filter(email="gone@example.org").exists()


def test_an_xlsx_list_is_read_and_a_formula_cell_is_only_text():
    wb = Workbook()
    wb.active.append(["Email", "Language"])
    wb.active.append(['=HYPERLINK("http://evil")', "en"])
    wb.active.append(["ok@example.org", "zh-hans"])
    out = io.BytesIO()
    wb.save(out)
    report = subscribers_import(data=out.getvalue(), filename="list.xlsx")
    assert [r.outcome for r in report.rows] == ["invalid", "invited"]
    assert Subscriber.objects.get().language == "zh-hans"


def test_the_export_is_formula_safe_csv_and_xlsx():
    SubscriberFactory(email="=cmd@example.org", language="ru", topics=["library"])
    rows = list(csv.reader(io.StringIO(subscribers_export(fmt="csv").decode("utf-8-sig"))))
    assert rows[0] == ["email", "language", "topics", "status", "suppressed", "signed_up", "confirmed"]
    assert rows[1][:5] == ["'=cmd@example.org", "ru", "library", "confirmed", "no"]
    sheet = load_workbook(io.BytesIO(subscribers_export(fmt="xlsx"))).active
    assert sheet["A2"].value == "'=cmd@example.org" and sheet["A2"].data_type == "s"


def test_staff_export_a_readers_data_and_erase_it_leaving_only_the_suppression_hash(staff_client):
    reader = SubscriberFactory(email="mine@example.org")
    ConsentRecord.objects.create(subscriber=reader, action="confirmed", source="email_link", language="en")
    client = staff_client("program_coordinator")
    data = client.get(f"/en/staff/newsletter/subscribers/{reader.pk}/data/")
    assert json.loads(data.content)["consents"][0]["action"] == "confirmed"
    assert client.post(f"/en/staff/newsletter/subscribers/{reader.pk}/erase/").status_code == 302
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    assert Suppression.objects.get().email_hash == email_hash("mine@example.org")


def test_erasing_a_person_erases_their_subscription_through_the_erasure_hooks(clock):
    from shanyraq.people.services import person_erase
    from shanyraq.programs.tests.factories import PersonFactory

    person = PersonFactory(email="erase-me@example.org")
    reader = SubscriberFactory(email="erase-me@example.org")
    ConsentRecord.objects.create(subscriber=reader, action="confirmed", source="email_link", language="en")
    person_erase(person=person, actor=None)
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    assert Suppression.objects.filter(email_hash=email_hash("erase-me@example.org")).exists()

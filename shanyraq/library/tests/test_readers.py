"""Readers: card number (or e-mail) and a PIN or password to sign in; holds with their place in
the queue."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from shanyraq.core.models import AuditEvent
from shanyraq.library.models import Patron
from shanyraq.library.services import circulation as circ
from shanyraq.library.services.patrons import patron_pin_set
from shanyraq.library.tests.factories import CopyFactory, PatronFactory, PersonFactory

pytestmark = pytest.mark.django_db


def sign_in(client, identifier, secret):
    return client.post(reverse("library:login"), {"username": identifier, "password": secret})


def test_the_library_sign_in_form_asks_for_a_card_number_and_a_pin(client):
    page = client.get(reverse("library:login")).text
    assert '<label for="id_username">Card number or e-mail</label>' in page
    assert '<label for="id_password">PIN or password</label>' in page
    assert "Username" not in page


def test_a_reader_with_a_pin_signs_in_with_the_card_number_or_the_email(client):
    patron = PatronFactory(barcode="P004821", person=PersonFactory(email="aru@example.org"))
    patron_pin_set(patron=patron, pin="4821")
    assert sign_in(client, "p004821", "4821").url == reverse("library:account")
    client.post(reverse("library:logout"))
    assert sign_in(client, "aru@example.org", "4821").url == reverse("library:account")
    client.post(reverse("library:logout"))
    assert sign_in(client, "P004821", "0000").status_code == 200  # wrong PIN: the form again


def test_a_pin_is_four_digits_or_more_and_a_password_follows_the_site_rules():
    patron = PatronFactory()
    with pytest.raises(ValidationError, match="A PIN has 4 to 12 digits."):
        patron_pin_set(patron=patron, pin="482")
    with pytest.raises(ValidationError, match="too short"):
        patron_pin_set(patron=patron, pin="abc")
    patron_pin_set(patron=patron, pin="a long reader passphrase")
    patron.refresh_from_db()
    assert patron.person.user.check_password("a long reader passphrase")


def test_a_staff_login_keeps_its_own_password(staff_user):
    patron = PatronFactory(person=PersonFactory(user=staff_user("librarian")))
    with pytest.raises(ValidationError, match="signs in as staff"):
        patron_pin_set(patron=patron, pin="4821")


def test_the_desk_sets_a_pin_and_the_audit_trail_keeps_no_pin(staff_client):
    client = staff_client("front_desk")
    patron = PatronFactory(barcode="P000900")
    client.post(reverse("library_staff:desk"), {"scan": "P000900"})
    client.post(reverse("library_staff:desk"), {"action": "pin", "pin": "90210"})
    page = client.get(reverse("library_staff:desk")).text
    assert "The reader can now sign in with card P000900 and this PIN." in page
    patron.refresh_from_db()
    assert patron.person.user.check_password("90210")
    event = AuditEvent.objects.get(action="patron.pin_set")
    assert "90210" not in str(event.data)


def test_a_new_card_with_a_pin_can_sign_in_at_once(staff_client, client):
    desk = staff_client("front_desk")
    desk.post(
        reverse("library_staff:patron_new"),
        {"name": "Дана Ахмет", "language": "kk", "barcode": "P000950", "category": "adult", "pin": "1357"},
    )
    desk.logout()
    assert Patron.objects.get(barcode="P000950").person.name == "Дана Ахмет"
    assert sign_in(client, "P000950", "1357").url == reverse("library:account")


def test_holds_show_their_place_in_the_queue(client):
    copy = CopyFactory()
    circ.copy_checkout(barcode=copy.barcode, patron=PatronFactory())
    first, second = PatronFactory(), PatronFactory(barcode="P000333")
    circ.hold_place(record=copy.record, patron=first)
    circ.hold_place(record=copy.record, patron=second)
    patron_pin_set(patron=second, pin="3333")
    sign_in(client, "P000333", "3333")
    assert "number 2 in the queue" in client.get(reverse("library:account")).text
    circ.hold_cancel(hold=first.holds.get())
    assert "number 1 in the queue" in client.get(reverse("library:account")).text


def test_the_record_page_has_a_marc_view_of_the_record_as_received(client):
    from shanyraq.library.models import Record
    from shanyraq.library.services import marc_import as mi
    from shanyraq.library.tests.data import DATA

    mi.marc_import(data=(DATA / "unimarc-rusmarc" / "pythonirbis__rusmarc_nlr_test1.iso").read_bytes())
    record = Record.objects.order_by("pk").first()
    page = client.get(record.get_absolute_url()).text
    assert '<details class="marc-view" id="marc"><summary>MARC view</summary>' in page
    assert "<caption>UNIMARC</caption>" in page
    # 200 $a decoded from Windows-1251, with its indicators (# for blank), and the set it is part of.
    assert (
        '<th scope="row">200</th><td><code>0#</code></td><td><span class="sf"><b>$a</b> <span lang="ru">Вып. 13.</span>'
        in page
    )
    assert '<b>$a</b> <span lang="ru">Задачи и этюды</span>' in page


def test_a_record_entered_by_hand_shows_the_marc21_we_export(client):
    from shanyraq.library.marc.common import RecordData
    from shanyraq.library.services.catalogue import record_create

    record = record_create(data=RecordData(title="Абай жолы", language="kaz", year=1956))
    page = client.get(record.get_absolute_url()).text
    assert "<caption>MARC 21 · built from the catalogue record</caption>" in page
    assert '<th scope="row">245</th>' in page and "Абай жолы" in page

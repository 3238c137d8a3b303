"""The two flows that matter most, in a real Chromium: keyboard-only desk, cross-script OPAC search."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy, Loan
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.library.tests.factories import PatronFactory


@pytest.fixture
def abai_jolu(db):
    record = record_create(
        data=RecordData(
            title="Абай жолы",
            title_romanized="Abai joly",
            language="kaz",
            year=1956,
            contributors=[("Мұхтар Әуезов", "Mūhtar Äuezov", "author")],
        )
    )
    copy_create(record=record, barcode="KCC000010", call_number="KZ 001")
    record_create(data=RecordData(title="War and Peace", language="eng"))
    return record


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_librarian_checks_out_and_in_with_the_keyboard_only(
    browser, live_server, roles, django_user_model, abai_jolu
):
    user = django_user_model.objects.create_user(username="lib", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="librarian"))
    PatronFactory(barcode="P000001")
    page = browser.new_page(locale="kk-KZ")
    try:
        page.goto(live_server.url + reverse("library_staff:desk"))
        # The login form: type and Enter, no mouse.
        page.keyboard.type("lib")
        page.keyboard.press("Tab")
        page.keyboard.type("pw-for-tests")
        page.keyboard.press("Enter")
        page.wait_for_selector("#scan:focus")
        page.keyboard.type("P000001")
        page.keyboard.press("Enter")
        page.wait_for_selector("#desk-result[role=status]")
        page.wait_for_selector("#scan:focus")
        page.keyboard.type("KCC000010")
        page.keyboard.press("Enter")
        page.wait_for_selector("#desk-result[role=status]")
        assert "Абай жолы" in page.inner_text("#desk-result")
        assert Copy.objects.get(barcode="KCC000010").status == "on_loan"
        page.goto(live_server.url + reverse("library_staff:checkin"))
        page.wait_for_selector("#scan:focus")
        page.keyboard.type("KCC000010")
        page.keyboard.press("Enter")
        page.wait_for_selector("#desk-result[role=status]")
        assert "Абай жолы" in page.inner_text("#desk-result")
        assert page.evaluate("document.activeElement.id") == "scan"
        assert Copy.objects.get(barcode="KCC000010").status == "available"
        assert Loan.objects.get().returned_at is not None
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_types_abai_and_finds_abai_jolu(browser, live_server, abai_jolu):
    page = browser.new_page(locale="en-US")
    try:
        page.goto(live_server.url + reverse("library:opac"))
        page.fill("#opac-q", "abai")
        page.keyboard.press("Enter")
        page.wait_for_selector("ol.results a")
        titles = page.locator("ol.results a").all_inner_texts()
        assert titles == ["Абай жолы"]
        page.locator("ol.results a").first.click()
        page.wait_for_selector("h1")
        assert page.inner_text("h1") == "Абай жолы"
        assert "Abai joly" in page.content()
    finally:
        page.close()

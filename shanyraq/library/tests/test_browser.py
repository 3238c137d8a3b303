"""The two flows that matter most, in a real Chromium: keyboard-only desk, cross-script OPAC search."""

import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy, Loan
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.library.tests.factories import PatronFactory


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def wait_for_focus(page, element_id: str, timeout: float = 3.0) -> None:
    """The field should take the focus by itself (autofocus); where headless Chromium does not apply
    autofocus to a page in the background, reach the field as a keyboard user would, with Tab.

    Polls activeElement from Python: `:focus` does not match on a headless page that is not the
    browser's front page, and wait_for_function would need eval, which our CSP forbids."""
    deadline = time.monotonic() + timeout
    while _focused_id(page) != element_id and time.monotonic() < deadline:
        time.sleep(0.05)
    presses = 0
    while _focused_id(page) != element_id:
        assert presses < 60, f"#{element_id} cannot be reached with the keyboard"
        page.keyboard.press("Tab")
        presses += 1


def wait_for_scan_focus(page) -> None:
    wait_for_focus(page, "scan")


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
        page.bring_to_front()
        page.goto(live_server.url + reverse("library_staff:desk"))

        def scan(code: str) -> str:
            """Type like the scanner does (code + Enter) and wait for the page the desk answers with."""
            wait_for_scan_focus(page)
            page.keyboard.type(code)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return page.inner_text("#desk-result")

        # The login form: type and Enter, no mouse (the username field has autofocus).
        wait_for_focus(page, "id_username")
        page.keyboard.type("lib")
        page.keyboard.press("Tab")
        page.keyboard.type("pw-for-tests")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "P000001" in scan("P000001")
        assert "Абай жолы" in scan("KCC000010")
        assert page.get_attribute("#desk-result", "role") == "status"
        assert Copy.objects.get(barcode="KCC000010").status == "on_loan"
        page.goto(live_server.url + reverse("library_staff:checkin"))
        assert "Абай жолы" in scan("KCC000010")
        assert page.get_attribute("#desk-result", "role") == "status"
        wait_for_scan_focus(page)
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_signs_in_with_card_and_pin_and_renews_on_a_360px_phone(browser, live_server, abai_jolu):
    """The account page fits a small phone: no sideways scroll, Renew on screen and working."""
    import datetime as dt

    from django.utils import timezone, translation

    from shanyraq.library.services.circulation import copy_checkout
    from shanyraq.library.services.patrons import patron_pin_set
    from shanyraq.library.tests.factories import PersonFactory

    patron = PatronFactory(barcode="P000777", person=PersonFactory(name="Әлия Сейітова", language="kk"))
    patron_pin_set(patron=patron, pin="4821")
    # A long title, the kind that pushed the table past the screen.
    long = record_create(data=RecordData(title="Қазақ халқының салт-дәстүрлері мен әдет-ғұрыптары " * 2))
    copy_create(record=long, barcode="KCC000011")
    loan = copy_checkout(barcode="KCC000011", patron=patron, now=timezone.now() - dt.timedelta(days=10))
    context = browser.new_context(
        locale="kk-KZ", viewport={"width": 360, "height": 740}, device_scale_factor=2
    )
    page = context.new_page()
    try:
        with translation.override("kk"):
            login, account = reverse("library:login"), reverse("library:account")
        page.goto(live_server.url + login)
        assert (
            page.inner_text("label[for=id_username]") == "Оқырман билетінің нөмірі немесе электрондық пошта"
        )
        page.fill("#id_username", "p000777")  # as typed on a phone: lower case
        page.fill("#id_password", "4821")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == live_server.url + account
        wide = page.evaluate(
            "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 361)"
            ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
        renew = page.locator(f"form[action$='/loans/{loan.pk}/renew/'] button")
        box = renew.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
        with page.expect_navigation():
            renew.click()
        loan.refresh_from_db()
        assert loan.renewals == 1
    finally:
        context.close()

"""A visitor's phone, for real: Chromium with a Kazakh locale on the live site."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def center(transactional_db):
    from shanyraq.core.roles import sync_roles
    from shanyraq.site import demo

    sync_roles()
    demo.load()


def test_kazakh_phone_lands_in_kazakh_and_switches_language_on_the_same_page(center, live_server, browser):
    context = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/spaces/felt-studio/")
    assert page.url == f"{live_server.url}/kk/spaces/felt-studio/"
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("h1").inner_text() == "Киіз басу шеберханасы"
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/spaces/felt-studio/")
    assert page.locator("h1").inner_text() == "Мастерская войлока"
    context.close()


def test_keyboard_user_reaches_skip_link_first(center, live_server, browser):
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_a_superuser_edits_the_kazakh_title_in_the_back_office_tabs(center, live_server, browser):
    from django.contrib.auth import get_user_model

    from shanyraq.accounts.services import totp_device_install
    from shanyraq.accounts.tests.helpers import totp_code
    from shanyraq.site import demo
    from shanyraq.site.models import Page

    # The back office is for superusers only (decision 028); a superuser signs in in two steps.
    root = get_user_model().objects.create_superuser("root", "root@example.org", "root-password-1")
    totp_device_install(user=root, key=demo.demo_totp_key(), actor=None)
    page = browser.new_page(locale="en-US")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/en/staff/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "root-password-1")
    page.keyboard.press("Enter")
    # An authenticator: the code step comes after the password.
    page.wait_for_url(f"{live_server.url}/en/account/two-step/verify/?next=%2Fen%2Fstaff%2F")
    page.fill("#id_code", totp_code(demo.demo_totp_key()))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/en/staff/")
    about = Page.objects.get(slug="about")
    page.goto(f"{live_server.url}/en/staff/admin/site/page/{about.pk}/change/")
    assert page.locator("#id_title_kk").is_hidden()
    page.locator("a[href='#tab_id_title_kk']").click()
    assert page.locator("#id_title_kk").is_visible()
    page.fill("#id_title_kk", "Орталық жайлы")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/en/staff/admin/site/page/")
    about.refresh_from_db()
    assert about.title_kk == "Орталық жайлы"
    assert errors == []
    page.close()

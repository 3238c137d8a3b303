"""In a real Chromium: a Chinese student and a Kazakh student become tandem partners and book a
room; a 15-year-old signs in and is offered no adult."""

import datetime as dt

import pytest

from shanyraq.exchange.models import Tandem
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.spaces.models import Space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, lang: str, email: str) -> None:
    page.goto(f"{base}/{lang}/exchange/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/{lang}/exchange/")


def test_two_students_become_tandem_partners_and_book_a_room(browser, live_server, clock):
    li = member_make(name="Li Wei", speaks={"zh": 7}, learns={"kk": 2}, language="zh-hans")
    aigerim = member_make(name="Aigerim", speaks={"kk": 7}, learns={"zh": 2}, language="kk")
    Space.objects.create(
        slug="room-3", kind="classroom", name_en="Room 3", name_kk="3-бөлме", name_zh_hans="三号教室"
    )
    chinese = browser.new_page(locale="zh-CN")
    kazakh = browser.new_page(locale="kk-KZ")
    for page in (chinese, kazakh):
        page.set_default_timeout(15_000)
    try:
        sign_in(chinese, live_server.url, "zh-hans", li.person.email)
        chinese.goto(f"{live_server.url}/zh-hans/exchange/suggestions/")
        assert "会说哈萨克语（母语），在学中文" in chinese.locator("ol.suggestions").inner_text()
        chinese.click("ol.suggestions button[type=submit]")
        chinese.wait_for_url(f"{live_server.url}/zh-hans/exchange/tandems/*/")

        sign_in(kazakh, live_server.url, "kk", aigerim.person.email)
        kazakh.click("main a[href*='/exchange/tandems/']")
        kazakh.click("button[value=accept]")
        kazakh.fill("textarea[name=body]", "Сәлем! 你好!")
        kazakh.click("form[action$='/messages/'] button[type=submit]")
        kazakh.fill("input[name=start]", "2026-12-12T15:00")
        kazakh.select_option("select[name=minutes]", "90")
        kazakh.click("form[action$='/meetings/'] button[type=submit]")
        assert "Бөлме брондалды." in kazakh.locator("ul.messages").inner_text()

        chinese.reload()
        text = chinese.locator("main").inner_text()
        assert "Сәлем! 你好!" in text and "三号教室" in text
        tandem = Tandem.objects.get()
        meeting = tandem.meetings.get()
        assert (tandem.status, meeting.booking.end - meeting.booking.start) == (
            "active",
            dt.timedelta(minutes=90),
        )
    finally:
        chinese.close()
        kazakh.close()


def test_a_fifteen_year_old_is_offered_only_members_of_their_age(browser, live_server, clock):
    teen = member_make(
        name="Dana", speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2011, 5, 1), guardian=guardian_make()
    )
    member_make(name="Adultname", speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2000, 1, 1))
    member_make(
        name="Peername",
        speaks={"zh": 7},
        learns={"kk": 2},
        born=dt.date(2010, 9, 1),
        guardian=guardian_make(),
    )
    page = browser.new_page(locale="ru-RU")
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server.url, "ru", teen.person.email)
        assert "может читать ваши сообщения" in page.locator("main").inner_text()
        page.goto(f"{live_server.url}/ru/exchange/suggestions/")
        offered = page.locator("ol.suggestions").inner_text()
        assert "Peername" in offered and "Adultname" not in offered
    finally:
        page.close()

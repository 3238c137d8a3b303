"""A visitor on a phone, browsing in Chinese, registers for a session and sees the confirmation."""

import pytest

from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import ProgramFactory, make_session


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_chinese_visitor_registers_on_a_phone(browser, live_server):
    make_session(program=ProgramFactory(title_zh_hans="儿童毡艺大师班"), capacity=12)
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/zh-hans/programs/")
        page.get_by_role("link", name="儿童毡艺大师班").click()
        assert page.locator("#seats-left").inner_text() == "剩余 12 个名额"
        page.locator("main").get_by_label("您的姓名").fill("李明")
        page.locator("main").get_by_label("电子邮箱").fill("liming@example.org")
        page.get_by_role("button", name="报名").click()
        page.wait_for_selector("#registration-result")
        code = Registration.objects.get().code
        assert page.locator("h1").inner_text() == "您的预订"
        assert (
            page.locator("#registration-result").inner_text().strip()
            == f"李明：您的名额已确认。票码 {code}。"
        )
    finally:
        context.close()
    assert Registration.objects.get().person.language == "zh-hans"

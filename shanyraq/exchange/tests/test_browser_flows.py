"""In a real Chromium, with the e-mails through a real SMTP server (aiosmtpd):
- a 15-year-old joins, confirms her e-mail, her mother consents from her own e-mail, and once
  signed in she is offered a member of her age and never an adult;
- an applicant applies to a call, two reviewers score it (the second sees the first's scores
  only after giving their own), the coordinator accepts, and the applicant is told in Chinese."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from shanyraq.exchange.models import Application, Call, Member, Question, Review
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.people.models import Consent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(inbox, to: str, pattern: str) -> str:
    """The path of the first link matching `pattern` in the last e-mail to `to` (the e-mail's
    links name the site's public address; the test opens them on the live server)."""
    for message in reversed(inbox.parsed()):
        if message["To"] == to:
            body = message.get_body(preferencelist=("plain",)).get_content()
            return re.search(pattern, body).group(0)
    raise AssertionError(f"no e-mail to {to}: {inbox.recipients()}")


def staff_page(browser, live_server, user, locale="en-US"):
    """A browser page signed in as `user` (a session made on the server, as a sign-in would)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale=locale)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_fifteen_year_old_joins_with_her_guardians_consent_and_sees_no_adult(
    browser, live_server, clock, smtp
):
    member_make(name="Adultname", speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2000, 1, 1))
    member_make(
        name="Peername",
        speaks={"zh": 7},
        learns={"kk": 2},
        born=dt.date(2010, 9, 1),
        guardian=guardian_make(),
    )
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    try:
        page.goto(f"{base}/ru/exchange/join/")
        page.fill("input[name=name]", "Дана Ахметова")
        page.fill("input[name=display_name]", "Дана")
        page.fill("input[name=email]", "dana@example.kz")
        page.fill("input[name=password]", "dana-secret-9")
        page.fill("input[name=birth_date]", "2011-05-01")
        page.fill("input[name=guardian_email]", "gulnara@example.kz")
        page.fill("input[name=city]", "Beijing")
        page.fill("input[name=country]", "KZ")
        page.select_option("select[name=speaks_1]", "kk")
        page.select_option("select[name=speaks_1_level]", "7")
        page.select_option("select[name=learns_1]", "zh")
        page.select_option("select[name=learns_1_level]", "2")
        page.select_option("select[name=meeting]", "center")
        page.click("main form button[type=submit]")
        assert page.locator(".errors").count() == 0, page.locator(".errors").all_inner_texts()
        page.wait_for_url(f"{base}/ru/exchange/join/sent/")
        assert Member.objects.count() == 2  # nothing kept yet

        page.goto(base + link_in(smtp, "dana@example.kz", r"/ru/exchange/join/confirm/\S+/"))
        page.click("main form button[type=submit]")
        assert "Мы попросили согласия вашего опекуна" in page.locator("main").inner_text()
        assert Member.objects.count() == 2  # still waiting for the guardian

        mother = context.new_page()
        mother.goto(base + link_in(smtp, "gulnara@example.kz", r"/\w+(-\w+)?/exchange/guardian/\S+/"))
        mother.fill("input[name=guardian_name]", "Гульнара Ахметова")
        mother.click("button[value=yes]")
        dana = Member.objects.get(person__email="dana@example.kz")
        assert dana.person.guardian.email == "gulnara@example.kz"
        assert Consent.objects.filter(person=dana.person, kind=Consent.Kind.CHILD_DATA, granted=True).exists()

        page.goto(f"{base}/ru/exchange/login/")
        page.fill("input[name=username]", "dana@example.kz")
        page.fill("input[name=password]", "dana-secret-9")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/ru/exchange/")
        page.goto(f"{base}/ru/exchange/suggestions/")
        offered = page.locator("main").inner_text()
        assert "Peername" in offered and "Adultname" not in offered
    finally:
        context.close()


def test_an_applicant_applies_two_reviewers_score_and_the_coordinator_accepts(
    browser, live_server, clock, smtp, staff_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    call = Call.objects.create(
        title_en="Student delegation to Beijing",
        title_zh_hans="赴北京学生代表团",
        status=Call.Status.PUBLISHED,
        deadline=timezone.now() + dt.timedelta(days=10),
        places=2,
        criteria=[{"code": "motivation", "max": 10}, {"code": "languages", "max": 5}],
    )
    text = Question.objects.create(call=call, order=1, kind="text", label_en="Why?", label_zh_hans="为什么？")
    letter = Question.objects.create(
        call=call, order=2, kind="file", label_en="Letter", label_zh_hans="推荐信", required=False
    )
    first, second = staff_user("reviewer", username="rev1"), staff_user("reviewer", username="rev2")
    call.panel.add(first, second)
    coordinator = staff_user("exchange_coordinator", username="coord")
    li = member_make(
        name="Li Wei", speaks={"zh": 7}, learns={"kk": 2}, language="zh-hans", born=dt.date(2003, 1, 1)
    )
    base = live_server.url

    page = browser.new_page(locale="zh-CN")
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{base}/zh-hans/exchange/login/")
        page.fill("input[name=username]", li.person.email)
        page.fill("input[name=password]", "pw-for-tests")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/zh-hans/exchange/")
        page.goto(f"{base}/zh-hans/exchange/calls/{call.pk}/")
        page.fill(f"textarea[name=q{text.pk}]", "我想去北京的大学看看。")
        page.set_input_files(
            f"input[name=q{letter.pk}]",
            files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 letter"}],
        )
        page.click("button[name=submit]")
        page.wait_for_load_state()
    finally:
        page.close()
    application = Application.objects.get()
    assert application.status == "submitted" and application.answers.count() == 2

    for reviewer, scores in ((first, ("8", "4")), (second, ("9", "5"))):
        review = staff_page(browser, live_server, reviewer)
        try:
            review.goto(f"{base}/en/staff/exchange/reviews/{application.pk}/")
            assert "我想去北京的大学看看。" in review.locator("main").inner_text()
            assert review.locator("text=All scores").count() == 0  # blind until their own is in
            review.fill("input[name=motivation]", scores[0])
            review.fill("input[name=languages]", scores[1])
            review.click("main form button:has-text('Save')")
            review.wait_for_load_state()
            expected = 1 if reviewer == first else 2
            assert review.locator("h2:has-text('All scores') + ul li").count() == expected
        finally:
            review.context.close()
    assert sorted(r.total for r in Review.objects.all()) == [12, 14]

    desk = staff_page(browser, live_server, coordinator)
    try:
        desk.goto(f"{base}/en/staff/exchange/calls/{call.pk}/applications/")
        assert (
            "12, 14" in desk.locator("table").inner_text() or "14, 12" in desk.locator("table").inner_text()
        )
        desk.select_option("select[name=decision]", "accepted")
        desk.click("table button[type=submit]")
        desk.wait_for_load_state()
    finally:
        desk.context.close()
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (
        "accepted",
        get_user_model().objects.get(username="coord"),
    )
    subjects = [str(m["Subject"]) for m in smtp.parsed() if m["To"] == li.person.email]
    assert any("赴北京学生代表团" in s for s in subjects), subjects


def test_the_coordinator_writes_a_call_on_language_tabs_and_publishes_it(
    browser, live_server, clock, staff_user
):
    coordinator = staff_user("exchange_coordinator", username="coord")
    staff_user("reviewer", username="rev1")
    base = live_server.url
    page = staff_page(browser, live_server, coordinator, locale="kk-KZ")
    titles = {
        "zh-hans": "翻译工作坊",
        "en": "Translation workshop",
        "kk": "Аударма шеберханасы",
        "ru": "Переводческая мастерская",
    }
    try:
        page.goto(f"{base}/kk/staff/exchange/calls/new/")
        assert page.locator("#panel-en").is_hidden()  # one tab at a time
        for code, title in titles.items():
            page.click(f"#tab-{code}")
            page.fill(f"#panel-{code} input[name^=title_]", title)
        page.fill("input[name=deadline]", "2026-12-30T18:00")
        page.fill("input[name=places]", "10")
        page.fill("input[name=c-0-code]", "motivation")
        page.fill("input[name=c-0-max]", "10")
        page.fill("input[name=c-0-label_kk]", "Ынта")
        page.check("input[name=panel]")
        page.select_option("select[name=q-0-kind]", "text")
        page.fill("input[name=q-0-label_kk]", "Неге қатысқыңыз келеді?")
        page.click("form.call-form button[type=submit]")
        assert "Конкурс сақталды." in page.locator("ul.messages").inner_text()
        page.click("button[name=publish_call]")
        assert "Конкурс жарияланды." in page.locator("ul.messages").inner_text()
    finally:
        page.context.close()
    call = Call.objects.get()
    assert (call.status, call.title_zh_hans, call.places, call.panel.count()) == (
        "published",
        "翻译工作坊",
        10,
        1,
    )
    assert call.questions.get().label_kk == "Неге қатысқыңыз келеді?"
    assert call.criteria == [{"code": "motivation", "max": 10, "label": {"kk": "Ынта"}}]

"""A visitor signs up in Kazakh from the footer, confirms from the e-mail, changes topics and
unsubscribes, in a real Chromium on the live site."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_kazakh_visitor_signs_up_confirms_changes_topics_and_unsubscribes(live_server, browser):
    from shanyraq.mail.models import OutboxMessage
    from shanyraq.newsletter.models import Subscriber

    context = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/")
    footer = page.locator("footer.site-footer")
    footer.get_by_label("Электрондық пошта").fill("aizhan@example.org")
    assert footer.locator("select[name=language]").input_value() == "kk"
    footer.get_by_label("Концерттер").uncheck()
    footer.get_by_role("button", name="Жазылу").click()
    page.wait_for_url(f"{live_server.url}/kk/newsletter/")
    assert page.locator("h1").inner_text() == "Поштаңызды тексеріңіз"

    message = OutboxMessage.objects.get(to_email="aizhan@example.org")
    assert message.subject == "Жазылымыңызды растаңыз"
    link = re.search(r"https?://\S+/kk/newsletter/confirm/\S+/", message.body).group(0)
    page.goto(live_server.url + "/kk/" + link.split("/kk/", 1)[1])
    page.get_by_role("button", name="Иә, маған таратылымды жіберіңіз").click()
    assert page.locator("h1").inner_text() == "Сіз жазылдыңыз"
    reader = Subscriber.objects.get()
    assert reader.status == "confirmed" and "concerts" not in reader.topics

    from shanyraq.newsletter import tokens

    page.goto(f"{live_server.url}/kk/newsletter/preferences/{tokens.link_token(reader.pk)}/")
    main = page.locator("main")
    main.get_by_label("Кітапхана").uncheck()
    main.get_by_role("button", name="Сақтау").click()
    assert main.get_by_role("status").inner_text() == "Баптауларыңыз сақталды."
    reader.refresh_from_db()
    assert "library" not in reader.topics
    main.get_by_role("button", name="Жазылымнан бас тарту").click()
    assert page.locator("h1").inner_text() == "Сіз жазылымнан бас тарттыңыз"
    reader.refresh_from_db()
    assert (reader.status, reader.suppressed) == ("unsubscribed", True)
    context.close()

"""Password reset by e-mail (in the recipient's language, by following the link) and change."""

import datetime as dt
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail

from conftest import PINNED_NOW
from shanyraq.accounts.tests.conftest import PASSWORD
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW = "a brand new passphrase 42"
LINK = re.compile(r"https?://[^/\s]+(/\S+/account/password/reset/\S+/)")


def ask_for_reset(client, address, lang="en", capture=None):
    with capture(execute=True):
        return client.post(f"/{lang}/account/password/reset/", {"email": address})


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_a_patron_resets_the_password_from_a_link_in_kazakh_and_signs_in_with_it(
    client, patron, django_capture_on_commit_callbacks
):
    response = ask_for_reset(client, " aru@EXAMPLE.org ", "en", django_capture_on_commit_callbacks)
    assert (response.status_code, response["Location"]) == (302, "/en/account/password/reset/sent/")
    (message,) = mail.outbox
    assert (message.to, message.extra_headers["Content-Language"]) == (["Aru@Example.org"], "kk")
    assert message.subject == "Қазақстанның Бейжіңдегі мәдени орталығы: жаңа құпиясөз орнату"
    assert "Кіру үшін пайдаланасыз: aru-login, P123456" in message.body
    path = link_in(message)
    assert path.startswith("/kk/account/password/reset/")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "Жаңа құпиясөзді сақтау" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert (done.status_code, done["Location"]) == (302, "/kk/library/account/login/")
    assert (
        client.post("/kk/library/account/login/", {"username": "P123456", "password": NEW}).status_code == 302
    )
    assert AuditEvent.objects.filter(action="password_set", target_id=str(patron.person.user_id)).count() == 1


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_gets_mail(
    client, patron, django_capture_on_commit_callbacks
):
    known = ask_for_reset(client, "aru@example.org", "ru", django_capture_on_commit_callbacks)
    unknown = ask_for_reset(client, "nobody@example.org", "ru", django_capture_on_commit_callbacks)
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The same page, byte for byte, but for the per-response CSRF mask of the footer's forms.
    masked = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    page_known = masked.sub("", client.get(known["Location"]).content.decode())
    page_unknown = masked.sub("", client.get(unknown["Location"]).content.decode())
    assert page_known == page_unknown
    assert "ссылка для нового пароля уже отправлена" in page_known
    assert [m.to for m in mail.outbox] == [["Aru@Example.org"]]


def test_the_link_expires_after_the_reset_timeout(
    client, patron, settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(PINNED_NOW, tick=False) as clock:
        ask_for_reset(client, "aru@example.org", "en", django_capture_on_commit_callbacks)
        path = link_in(mail.outbox[0])
        clock.shift(dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1))
        page = client.get(path, follow=True).content.decode()
    assert "Бұл сілтеменің мерзімі өтті немесе ол бұрын пайдаланылған." in page
    assert 'name="new_password1"' not in page


def test_the_link_works_once(client, patron, django_capture_on_commit_callbacks):
    ask_for_reset(client, "aru@example.org", "en", django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0])
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    again = client.get(path, follow=True).content.decode()
    assert 'name="new_password1"' not in again


def test_a_new_password_lifts_the_sign_in_lockout(
    client, staff, settings, django_capture_on_commit_callbacks
):
    staff("curator", language="zh-hans")
    for _n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/staff/login/", {"username": "curator", "password": "wrong"})
    assert AccessAttempt.objects.count() == 1
    ask_for_reset(client, "curator@example.org", "en", django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "zh-hans"
    form_page = client.get(link_in(message), follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/zh-hans/staff/login/"
    assert AccessAttempt.objects.count() == 0
    assert client.post("/en/staff/login/", {"username": "curator", "password": NEW}).status_code == 302


def test_a_login_without_a_usable_password_gets_no_mail(client, patron, django_capture_on_commit_callbacks):
    user = patron.person.user
    user.set_unusable_password()
    user.save()
    ask_for_reset(client, "aru@example.org", "en", django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.parametrize(("who", "home"), [("staff", "/ru/staff/"), ("patron", "/ru/library/account/")])
def test_staff_and_patrons_change_their_password_and_stay_signed_in(client, staff, patron, who, home):
    user = staff("curator") if who == "staff" else patron.person.user
    client.force_login(user)
    wrong = client.post(
        "/ru/account/password/change/",
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    response = client.post(
        "/ru/account/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert (response.status_code, response["Location"]) == (302, home)
    assert client.get(home).status_code == 200
    user.refresh_from_db()
    assert (user.check_password(NEW), user.check_password(PASSWORD)) == (True, False)


def test_the_account_pages_link_to_password_change(client, staff, patron):
    client.force_login(staff("curator"))
    assert 'href="/en/account/password/change/"' in client.get("/en/staff/").content.decode()
    client.force_login(patron.person.user)
    assert 'href="/en/account/password/change/"' in client.get("/en/library/account/").content.decode()
    client.logout()
    assert 'href="/en/account/password/reset/"' in client.get("/en/library/account/login/").content.decode()
    assert 'href="/en/account/password/reset/"' in client.get("/en/staff/login/").content.decode()

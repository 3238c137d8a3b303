"""Lockout after repeated failures (django-axes, database-backed), with the reason in the
visitor's language, cheap refusals once locked, and nothing personal in logs or the table."""

import datetime as dt
import logging

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog

from conftest import PINNED_NOW
from shanyraq.accounts.tests.conftest import PASSWORD
from shanyraq.accounts.tests.helpers import CountingHasher

pytestmark = pytest.mark.django_db

STAFF_LOGIN = "/{lang}/staff/login/"
PATRON_LOGIN = "/{lang}/library/account/login/"
MESSAGES = {
    "en": "Too many failed sign-in attempts.",
    "ru": "Слишком много неудачных попыток входа.",
    "kk": "Кіру әрекеттері тым көп сәтсіз болды.",
    "zh-hans": "登录失败次数过多。",
}


def post(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def test_fifty_wrong_passwords_lock_the_login_until_the_cool_off_ends(client, staff, settings):
    from django.core.cache import cache

    # A clean start whatever ran before in this worker (another test's attempts or cached counts).
    AccessAttempt.objects.all().delete()
    cache.clear()
    staff("curator")
    url = STAFF_LOGIN.format(lang="ru")
    with time_machine.travel(PINNED_NOW, tick=False) as clock:
        statuses = [post(client, url, "curator", f"guess-{n}").status_code for n in range(50)]
        refused = post(client, url, "curator", PASSWORD)
        assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
        assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
        assert (refused.status_code, refused["Retry-After"]) == (429, "900")
        assert MESSAGES["ru"] in refused.content.decode()
        assert "_auth_user_id" not in client.session
        clock.shift(settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
        assert post(client, url, "curator", PASSWORD).status_code == 429
        clock.shift(dt.timedelta(seconds=2))
        accepted = post(client, url, "curator", PASSWORD)
        # Still on the pinned clock: the new session is valid now (it would have expired by
        # the time a run under --on-date returns to its own date).
        assert client.session["_auth_user_id"] == str(staff_user_id(client))
    assert (accepted.status_code, accepted["Location"]) == (302, "/ru/staff/")
    assert AccessAttempt.objects.count() == 0  # a success clears the failures


def staff_user_id(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="curator").pk


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "zh-hans"])
def test_the_locked_out_patron_reads_why_in_the_page_language(client, patron, settings, lang):
    url = PATRON_LOGIN.format(lang=lang)
    for n in range(settings.AXES_FAILURE_LIMIT):
        post(client, url, "P123456", f"guess-{n}")
    response = post(client, url, "P123456", PASSWORD)
    body = response.content.decode()
    assert response.status_code == 429
    assert MESSAGES[lang] in body
    assert 'name="username"' in body  # the sign-in page itself, not a bare error


def test_switching_between_card_number_e_mail_and_username_does_not_reset_the_count(client, patron, settings):
    url = PATRON_LOGIN.format(lang="en")
    names = ["P123456", "aru@example.org", " p123456 ", "ARU@EXAMPLE.ORG", "aru-login"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        post(client, url, names[n % len(names)], "wrong")
    assert post(client, url, "aru@example.org", PASSWORD).status_code == 429
    (attempt,) = AccessAttempt.objects.all()
    assert (attempt.username, attempt.failures_since_start) == (
        f"user-{patron.person.user_id}",
        settings.AXES_FAILURE_LIMIT,
    )


def test_the_lock_is_per_login_and_address(client, patron, staff, settings):
    staff("librarian")
    url = STAFF_LOGIN.format(lang="en")
    for _n in range(settings.AXES_FAILURE_LIMIT):
        post(client, url, "librarian", "wrong")
    assert post(client, url, "librarian", PASSWORD).status_code == 429
    # Another login from the same address, and the same login from another address, still sign in.
    assert post(client, PATRON_LOGIN.format(lang="en"), "P123456", PASSWORD).status_code == 302
    other = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert post(other, url, "librarian", PASSWORD).status_code == 302


def test_the_back_office_login_is_locked_too(client, staff, settings):
    staff("director")
    url = "/ru/staff/admin/login/"
    for _n in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "director", "password": "wrong", "next": "/ru/staff/admin/"})
    response = client.post(url, {"username": "director", "password": PASSWORD, "next": "/ru/staff/admin/"})
    assert response.status_code == 429
    assert MESSAGES["ru"] in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_once_locked_a_refusal_hashes_no_password_and_writes_nothing(client, staff, settings):
    settings.PASSWORD_HASHERS = ["shanyraq.accounts.tests.helpers.CountingHasher"]
    staff("curator")
    url = STAFF_LOGIN.format(lang="en")
    for _n in range(settings.AXES_FAILURE_LIMIT):
        post(client, url, "curator", "wrong")
    before = CountingHasher.computed
    stamp = AccessAttempt.objects.values_list("attempt_time", "failures_since_start").get()
    statuses = {post(client, url, "curator", "wrong-again").status_code for _n in range(20)}
    assert statuses == {429}
    assert CountingHasher.computed == before
    assert AccessAttempt.objects.values_list("attempt_time", "failures_since_start").get() == stamp


def test_unknown_names_cost_one_hash_like_known_ones(client, staff, settings):
    settings.PASSWORD_HASHERS = ["shanyraq.accounts.tests.helpers.CountingHasher"]
    staff("curator")
    url = STAFF_LOGIN.format(lang="en")
    before = CountingHasher.computed
    post(client, url, "curator", "wrong")
    known = CountingHasher.computed - before
    post(client, url, "nobody@example.org", "wrong")
    post(client, url, "P999999", "wrong")
    assert (known, CountingHasher.computed - before) == (1, 3)


def test_neither_logs_nor_the_attempts_table_keep_the_typed_address_or_the_ip(
    client, patron, caplog, settings
):
    url = PATRON_LOGIN.format(lang="en")
    with caplog.at_level(logging.DEBUG):
        for _n in range(settings.AXES_FAILURE_LIMIT - 1):
            post(client, url, "aru@example.org", "wrong")
        for _n in range(settings.AXES_FAILURE_LIMIT + 2):
            post(client, url, "stranger@example.org", "wrong")
        post(client, url, "P123456", PASSWORD)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "AXES" in logged
    for secret in ["aru@example.org", "stranger@example.org", "P123456", "127.0.0.1", "wrong"]:
        assert secret not in logged
    rows = list(AccessAttempt.objects.values_list("username", "post_data"))
    assert [name.split("-")[0] for name, _data in rows] == ["unknown"]
    assert "stranger" not in rows[0][1] and "wrong" not in rows[0][1]
    assert AccessLog.objects.count() == 0


def test_erasing_the_person_removes_the_logins_failed_attempts(client, patron, settings):
    from shanyraq.people.services import person_erase

    for _ in range(3):
        post(client, PATRON_LOGIN.format(lang="en"), "P123456", "wrong")
    assert AccessAttempt.objects.count() == 1
    patron.refresh_from_db()
    patron.person.user.refresh_from_db()
    person_erase(person=patron.person)
    assert AccessAttempt.objects.count() == 0

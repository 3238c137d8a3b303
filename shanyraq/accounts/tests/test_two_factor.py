"""Two-step sign-in (TOTP): required for directors and superusers, optional for other staff.
Codes come from the device key through an RFC 6238 implementation in the test helpers."""

import datetime as dt
import re

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PINNED_NOW
from shanyraq.accounts import services
from shanyraq.accounts.tests.conftest import PASSWORD
from shanyraq.accounts.tests.helpers import key_from_base32, totp_code
from shanyraq.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRET = re.compile(r'<code id="totp-secret">([A-Z2-7 ]+)</code>')


@pytest.fixture
def required(settings):
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def clock():
    with time_machine.travel(PINNED_NOW, tick=False) as traveller:
        yield traveller


def sign_in(client, username, url="/en/staff/login/"):
    response = client.post(url, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def with_device(user, clock):
    """A confirmed authenticator; the clock then moves a step on, so a fresh code is due."""
    key = services.totp_key_new()
    services.totp_device_confirm(user=user, key=key, code=totp_code(key))
    clock.shift(dt.timedelta(seconds=30))
    return key


def test_a_director_without_an_authenticator_must_set_one_up_before_any_staff_page(
    client, staff, required, clock
):
    director = staff("director")
    sign_in(client, "director")
    response = client.get("/en/staff/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/account/two-step/setup/?next=%2Fen%2Fstaff%2F",
    )
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page  # the QR code, drawn by segno
    key = key_from_base32(SECRET.search(page).group(1))
    wrong = client.post("/en/account/two-step/setup/?next=%2Fen%2Fstaff%2F", {"code": "000000"})
    assert wrong.status_code == 200 and TOTPDevice.objects.count() == 0
    done = client.post("/en/account/two-step/setup/", {"code": totp_code(key), "next": "/en/staff/"})
    assert (done.status_code, done["Location"]) == (302, "/en/staff/")
    assert client.get("/en/staff/").status_code == 200
    device = TOTPDevice.objects.get()
    assert (device.user, device.confirmed, device.key) == (director, True, key)
    assert AuditEvent.objects.filter(action="two_factor_added", target_id=str(director.pk)).count() == 1


def test_a_director_with_an_authenticator_enters_a_code_after_the_password(client, staff, required, clock):
    key = with_device(staff("director"), clock)
    sign_in(client, "director")
    response = client.get("/en/staff/")
    assert response["Location"] == "/en/account/two-step/verify/?next=%2Fen%2Fstaff%2F"
    wrong = client.post(response["Location"], {"code": "123456"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    clock.shift(dt.timedelta(seconds=5))  # past django-otp's back-off after one wrong code
    right = client.post(response["Location"], {"code": totp_code(key)})
    assert (right.status_code, right["Location"]) == (302, "/en/staff/")
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/staff/admin/").status_code == 403  # the admin is for superusers only


def test_until_the_code_is_given_no_staff_page_admin_page_or_write_is_open(client, staff, required, clock):
    with_device(staff("director"), clock)
    sign_in(client, "director")
    assert client.get("/en/staff/admin/").status_code == 302
    assert client.get("/en/staff/library/desk/").status_code == 302
    assert client.get("/en/library/account/").status_code == 302
    assert client.post("/en/account/password/change/", {}).status_code == 403
    assert client.post("/en/account/two-step/remove/").status_code == 403
    assert TOTPDevice.objects.count() == 1
    # Signing out stays open.
    assert client.post("/en/staff/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_alone_cannot_replace_the_authenticator(client, staff, required, clock):
    key = with_device(staff("director"), clock)
    sign_in(client, "director")
    response = client.get("/en/account/two-step/setup/")
    assert response["Location"].startswith("/en/account/two-step/verify/")
    client.post("/en/account/two-step/setup/", {"code": "000000"})
    assert list(TOTPDevice.objects.values_list("key", flat=True)) == [key]


def test_a_code_works_once(client, staff, required, clock):
    key = with_device(staff("director"), clock)
    code = totp_code(key)
    sign_in(client, "director")
    assert client.post("/en/account/two-step/verify/", {"code": code})["Location"] == "/en/staff/"
    other = client.__class__()
    sign_in(other, "director")
    assert other.post("/en/account/two-step/verify/", {"code": code}).status_code == 200


def test_wrong_codes_slow_down_further_tries(client, staff, required, clock):
    key = with_device(staff("director"), clock)
    sign_in(client, "director")
    for _n in range(4):
        client.post("/en/account/two-step/verify/", {"code": "000000"})
    assert client.post("/en/account/two-step/verify/", {"code": totp_code(key)}).status_code == 200
    clock.shift(dt.timedelta(seconds=30))
    assert client.post("/en/account/two-step/verify/", {"code": totp_code(key)}).status_code == 302


def test_a_superuser_must_use_two_step_sign_in_too(client, django_user_model, required, clock):
    django_user_model.objects.create_superuser(username="root", password=PASSWORD, email="root@example.org")
    sign_in(client, "root")
    assert client.get("/en/staff/admin/")["Location"].startswith("/en/account/two-step/setup/")


def test_the_library_sign_in_is_no_way_around_it(client, staff, required, clock):
    staff("director")
    sign_in(client, "director@example.org", url="/en/library/account/login/")
    assert client.get("/en/staff/")["Location"].startswith("/en/account/two-step/setup/")


def test_other_staff_go_straight_in_and_may_choose_it(client, staff, required, clock):
    curator = staff("curator")
    sign_in(client, "curator")
    assert client.get("/en/staff/").status_code == 200
    key = with_device(curator, clock)
    client.post("/en/staff/logout/")
    sign_in(client, "curator")
    assert client.get("/en/staff/")["Location"].startswith("/en/account/two-step/verify/")
    client.post("/en/account/two-step/verify/", {"code": totp_code(key)})
    assert client.post("/en/account/two-step/remove/")["Location"] == "/en/account/two-step/"
    assert TOTPDevice.objects.count() == 0


def test_a_director_cannot_turn_it_off(client, staff, required, clock):
    key = with_device(staff("director"), clock)
    sign_in(client, "director")
    client.post("/en/account/two-step/verify/", {"code": totp_code(key)})
    response = client.post("/ru/account/two-step/remove/", follow=True)
    assert "Ваша роль требует двухэтапного входа; его нельзя отключить." in response.content.decode()
    assert TOTPDevice.objects.count() == 1


def test_with_the_requirement_off_a_director_without_a_device_goes_straight_in(
    client, staff, settings, clock
):
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = False
    staff("director")
    sign_in(client, "director")
    assert client.get("/en/staff/").status_code == 200

"""The demo stays usable with two-step sign-in required: the director's key is printed."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from conftest import PINNED_NOW
from shanyraq.accounts.tests.helpers import key_from_base32, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(db, settings):
    from shanyraq.core.roles import sync_roles
    from shanyraq.site import demo

    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
    sync_roles()
    demo.load()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_demo_director_signs_in_with_the_printed_key(center, client):
    printed = run("demo_logins")
    line = next(line for line in printed.splitlines() if "Two-step sign-in (director)" in line)
    secret = line.split("with the key ", 1)[1].rstrip(",")
    with time_machine.travel(PINNED_NOW, tick=False) as clock:
        assert (
            client.post("/en/staff/login/", {"username": "director", "password": "shanyraq-demo"}).status_code
            == 302
        )
        assert client.get("/en/staff/")["Location"].startswith("/en/account/two-step/verify/")
        code = totp_code(key_from_base32(secret))
        assert run("demo_code").strip() == code
        response = client.post("/en/account/two-step/verify/", {"code": code, "next": "/en/staff/"})
        clock.shift(dt.timedelta(seconds=1))
    assert (response.status_code, response["Location"]) == (302, "/en/staff/")


def test_other_demo_staff_sign_in_with_the_password_alone(center, client):
    assert (
        client.post("/en/staff/login/", {"username": "curator", "password": "shanyraq-demo"}).status_code
        == 302
    )
    assert client.get("/en/staff/").status_code == 200

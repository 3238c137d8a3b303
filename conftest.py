"""Fixtures every module's tests share: staff per role, a real browser; and the `--on-date` clock.

`pytest --on-date=2028-02-29` runs the suite as if the machine's clock read that day (10:00 in
Beijing, ticking from there), so CI can prove that no test depends on the day it runs
(`make test-dates`). Tests that pin their own clock with time-machine still win inside their block.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zoneinfo

import pytest

# A real SMTP server (aiosmtpd) for any test: the `smtp` and `smtp_server` fixtures.
pytest_plugins = ["shanyraq.mail.tests.smtp"]

CHROMIUM = "/usr/bin/chromium"
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def pytest_addoption(parser):
    parser.addoption(
        "--on-date",
        metavar="YYYY-MM-DD",
        help="run as if today were this date (10:00 Asia/Shanghai, the clock ticking from there)",
    )


def pytest_configure(config):
    value = config.getoption("--on-date")
    if not value:
        return
    import time_machine

    day = dt.date.fromisoformat(value)
    start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=BEIJING)
    config._shanyraq_traveller = time_machine.travel(start, tick=True)
    config._shanyraq_traveller.start()


def pytest_collection_modifyitems(config, items):
    """Under --on-date, a test whose other processes read the real clock cannot be moved in time
    (time-machine reaches this process only): it is skipped there and runs in the ordinary run.
    A test that pins its own clock (the `clock` fixture) would only repeat itself: skipped too, as
    are browser tests (see below), to keep five dated runs inside CI's time."""
    if not config.getoption("--on-date"):
        return
    skip = pytest.mark.skip(reason="real processes on the real clock: --on-date does not reach them")
    undated = pytest.mark.skip(reason="hostile input, fuzzing or races: the same on every date")
    pinned = pytest.mark.skip(reason="pins its own clock (the `clock` fixture): the same on every date")
    # A browser test drives pages whose dated content the same pages' client tests check on every
    # date; Chromium start-up is most of its cost, so the dated runs leave it to the ordinary run.
    in_browser = pytest.mark.skip(reason="browser flow: its pages' dates are checked by client tests")
    for item in items:
        if item.get_closest_marker("real_clock"):
            item.add_marker(skip)
        elif item.get_closest_marker("undated"):
            item.add_marker(undated)
        elif "clock" in getattr(item, "fixturenames", ()):
            item.add_marker(pinned)
        elif "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(in_browser)


def pytest_report_header(config):
    value = config.getoption("--on-date")
    return f"clock: as if today were {value} (--on-date)" if value else None


def pytest_unconfigure(config):
    traveller = getattr(config, "_shanyraq_traveller", None)
    if traveller is not None:
        traveller.stop()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


# A Tuesday in term time: the center is open, no demo exhibition has closed, no holiday is near.
PINNED_NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=BEIJING)


@pytest.fixture
def clock():
    """Pin the clock at PINNED_NOW (ticking) for a test whose expected figures depend on the day;
    `clock.move_to(...)` travels within the test."""
    import time_machine

    with time_machine.travel(PINNED_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """The cache is the database cache, as in production (rate limits, facet counts): a test that
    uses the database starts and ends with it empty; a test without a database has no cache."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if not (marker or names & {"db", "transactional_db", "live_server"}):
        yield
        return
    transactional = names & {"transactional_db", "live_server"} or (
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    from shanyraq.core.roles import sync_roles

    sync_roles()


@pytest.fixture
def staff_user(roles, django_user_model):
    """`staff_user("curator")` -> a saved user in exactly that role group."""
    from django.contrib.auth.models import Group

    def make(role: str, username: str | None = None):
        user = django_user_model.objects.create_user(
            username=username or f"{role}-user", password="pw-for-tests", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def staff_client(staff_user, client):
    """`staff_client("librarian")` -> a test client signed in as that role."""

    def make(role: str):
        client.force_login(staff_user(role))
        return client

    return make


@pytest.fixture
def superuser(roles, django_user_model):
    """The one account the Django admin lets in (docs/decisions/028)."""
    return django_user_model.objects.create_superuser(
        username="root", password="pw-for-tests", email="root@example.org"
    )


@pytest.fixture
def back_office_client(superuser, client):
    """A test client signed in as a superuser, for the Django admin's own pages."""
    client.force_login(superuser)
    return client


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; skips only where CI would not run it."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("SHANYRAQ_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required here but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (CI installs it)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a test (or a view it calls outside a request)
    that activates a language must not change what the next test in the same worker sees."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()

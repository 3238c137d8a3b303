"""Fixtures every module's tests share: staff per role, a real browser."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
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

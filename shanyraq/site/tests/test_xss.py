"""An XSS payload stored in any text field comes out escaped on every public page.

The demo center is loaded (every module), the payload is appended to every free-text field of
every model of ours, and the public site is crawled from the home page in each language.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Concat

pytestmark = pytest.mark.undated  # hostile input: the same on every date


PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
RAW_MARKERS = ["<script>alert(", "onerror=alert(1)>"]
HREF = re.compile(r'href="([^"#]+)"')
MAX_PAGES = 250


def is_free_text(field) -> bool:
    """Text a person writes: not codes, slugs, choices, unique keys, short identifiers or fields
    only the code writes (editable=False)."""
    if not isinstance(field, (models.CharField, models.TextField)):
        return False
    if (
        isinstance(field, (models.SlugField, models.EmailField, models.URLField))
        or field.unique
        or field.choices
        or not field.editable
    ):
        return False
    return isinstance(field, models.TextField) or (field.max_length or 0) >= 120


def poison_every_text_field() -> int:
    count = 0
    for config in apps.get_app_configs():
        if not config.name.startswith("shanyraq."):
            continue
        for model in config.get_models():
            names = [f.name for f in model._meta.concrete_fields if is_free_text(f)]
            if names:
                model.objects.update(**{n: Concat(models.F(n), models.Value(PAYLOAD)) for n in names})
                count += len(names)
    return count


@pytest.mark.django_db(transaction=True)
def test_payload_in_every_text_field_is_escaped_on_every_public_page(client):
    call_command("sync_roles", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert poison_every_text_field() > 10
    call_command("reindex", verbosity=0)
    queue = ["/zh-hans/", "/en/", "/kk/", "/ru/", "/en/search/?q=alert", "/ru/search/?q=script"]
    seen: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in body, f"unescaped payload on {url}"
        for href in HREF.findall(body):
            target = urljoin(url, href.replace("&amp;", "&"))
            parsed = urlparse(target)
            if parsed.netloc or "/staff/" in parsed.path or parsed.path.startswith(("/static/", "/media/")):
                continue
            if target not in seen:
                queue.append(target)
    assert len(seen) > 20

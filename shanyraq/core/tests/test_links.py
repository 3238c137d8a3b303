"""Absolute links start at SITE_URL and carry a language prefix, so following one never redirects."""

import re

import pytest
from django.test import Client
from django.utils import translation

from shanyraq.core import links
from shanyraq.library.tests.factories import RecordFactory


def test_site_url_carries_the_requested_or_the_active_language(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    assert links.site_url("kk") == "http://127.0.0.1:8123/kk"
    assert links.site_url("zh_hans") == "http://127.0.0.1:8123/zh-hans"
    with translation.override("ru"):
        assert links.site_url() == "http://127.0.0.1:8123/ru"
        assert links.site_url("xx") == "http://127.0.0.1:8123/ru"


def test_absolute_reverse_builds_the_page_url_in_the_given_language(settings):
    settings.SITE_URL = "https://center.example.org"
    assert links.absolute_reverse("library:record", lang="zh-hans", pk=7) == (
        "https://center.example.org/zh-hans/library/records/7/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["dc", "marcxml", "marc"])
def test_record_exports_link_to_the_record_page_which_answers_200_without_redirect(settings, fmt):
    settings.SITE_URL = "http://testserver"
    record = RecordFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    body = client.get(f"/api/v1/records/{record.pk}/{fmt}").content.decode("utf-8", "replace")
    (url,) = set(re.findall(r"http://testserver/\S*?/library/records/\d+/", body))
    assert url == f"http://testserver/ru/library/records/{record.pk}/"
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_record_page_permalink_carries_the_page_language(client, settings):
    settings.SITE_URL = "http://testserver"
    record = RecordFactory()
    text = client.get(f"/kk/library/records/{record.pk}/").content.decode()
    assert f"http://testserver/kk/library/records/{record.pk}/" in text

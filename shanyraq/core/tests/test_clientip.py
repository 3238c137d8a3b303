"""The client IP behind trusted proxies only (issue 9 part 4): a forged X-Forwarded-For from
anyone else is ignored, so a visitor cannot choose their own rate-limit bucket."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from shanyraq.core.clientip import client_ip


def _ip(remote: str, forwarded: str | None = None) -> str:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **headers))


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/8", "2001:db8::/32"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert _ip("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_a_forged_header_from_an_untrusted_peer_is_ignored(proxies):
    assert _ip("203.0.113.9", "198.51.100.1, 10.0.0.1") == "203.0.113.9"


def test_the_proxy_peer_gives_the_right_most_untrusted_address(proxies):
    assert _ip("127.0.0.1", "198.51.100.1") == "198.51.100.1"
    # The visitor wrote the first entry themselves; our proxies appended the rest.
    assert _ip("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5") == "198.51.100.1"


def test_garbage_in_the_header_stops_the_walk(proxies):
    assert _ip("127.0.0.1", "198.51.100.1, not-an-ip") == "127.0.0.1"
    assert _ip("127.0.0.1", "") == "127.0.0.1"


def test_ports_brackets_and_ipv6(proxies):
    assert _ip("10.0.0.2", "198.51.100.7:5123") == "198.51.100.7"
    assert _ip("2001:db8::1", "[2001:db9::5]:443") == "2001:db9::5"
    assert _ip("::ffff:10.0.0.2", "198.51.100.8") == "198.51.100.8"


def test_all_hops_trusted_gives_the_left_most(proxies):
    assert _ip("127.0.0.1", "10.0.0.7, 10.0.0.8") == "10.0.0.7"


def test_an_unknown_peer_gives_an_empty_address(proxies):
    assert _ip("") == ""

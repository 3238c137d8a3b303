"""The visitor's IP address, for rate limits and sign-in throttling.

Behind a reverse proxy every request arrives from the proxy, so `REMOTE_ADDR` alone would put
all visitors in one bucket. `X-Forwarded-For` is believed only when the direct peer is one of
the proxies listed in `TRUSTED_PROXIES` (CIDRs, from the environment): then the address is the
right-most entry that is not itself a trusted proxy. From any other peer the header is ignored,
so a visitor cannot pick their own bucket by forging it (docs/decisions/016-sec-input-public-input.md).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=16)
def _networks(cidrs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def is_trusted(address, networks=None) -> bool:
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))) if networks is None else networks
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str:
    """The client's address as a string ('' when the peer's address is unknown)."""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    if not is_trusted(peer, networks):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [h for h in forwarded.split(",") if h.strip()]
    client = peer
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage from beyond our proxies: stop at the last address we could trust
        client = address
        if not is_trusted(address, networks):
            break
    return str(client)

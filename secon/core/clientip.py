"""The visitor's IP address, read through the proxies we trust (TRUSTED_PROXIES) and no others.

Behind the TLS proxy every request comes from the proxy's address; the visitor's is in X-Forwarded-For,
which the proxy appends to. Anyone can send that header too, so it is read only when the request came
from a trusted proxy, and only from the right: each hop we trust tells us who connected to it, and the
first address that is not one of our proxies is the visitor.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES must list IP addresses or networks (127.0.0.1, 10.0.0.0/8), not {entry!r}"
            ) from None
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    """The parsed TRUSTED_PROXIES; raises ImproperlyConfigured for an entry that is not an address."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of the visitor who sent this request, or "unknown" when there is none to read."""
    networks = trusted_networks()
    address = _address(str(request.META.get("REMOTE_ADDR") or ""))
    if address is None:
        return UNKNOWN
    if not _trusted(address, networks):
        return str(address)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        hop_address = _address(hop)
        if hop_address is None:
            # A trusted proxy would not write garbage: this part came from the client. Stop at the last
            # address a proxy vouched for.
            break
        address = hop_address
        if not _trusted(address, networks):
            break
    return str(address)

"""Absolute addresses of the site, always from SITE_URL and never from the request's Host header.

Public pages are cached and served to every visitor; a link built from one request's Host (anything in
ALLOWED_HOSTS, or whatever a proxy passes on) would be shown to all of them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`/pl/news/` → `https://secon.example.org/pl/news/` (SITE_URL with the path appended)."""
    if urlsplit(path).scheme:
        return path
    return str(settings.SITE_URL).rstrip("/") + "/" + path.lstrip("/")


def site_scheme() -> str:
    return urlsplit(str(settings.SITE_URL)).scheme or "https"


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL."""
    return urlsplit(str(settings.SITE_URL)).netloc

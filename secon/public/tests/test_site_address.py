"""Absolute addresses in public pages come from SITE_URL, never from the Host header of the request.

Public pages are cached and shown to every visitor: before, one request with `Host: testserver` put
`http://testserver/…` links into everybody's copy of the page for a minute.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from secon.tests.pages import public_paths

pytestmark = pytest.mark.django_db

ROOT_FILES = ["/robots.txt", "/sitemap.xml", "/pl/news/feed.rss", "/en/news/feed.atom"]


def test_no_public_page_shows_the_host_it_was_requested_with(demo: Any, settings: Any) -> None:
    settings.SITE_URL = "https://secon.example.org"
    settings.ALLOWED_HOSTS = ["secon.example.org", "attacker.example"]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    attacker = Client(HTTP_HOST="attacker.example")
    visitor = Client(HTTP_HOST="secon.example.org")
    for path in [*public_paths("pl"), *public_paths("en"), *ROOT_FILES]:
        first = attacker.get(path)
        assert first.status_code == 200, path
        assert "attacker.example" not in first.content.decode(), path
        assert "attacker.example" not in visitor.get(path).content.decode(), path


def test_absolute_links_use_the_site_address(demo: Any, settings: Any) -> None:
    settings.SITE_URL = "https://secon.example.org"
    html = Client().get(public_paths("pl")[-1]).content.decode()
    assert '<link rel="canonical" href="https://secon.example.org/pl/news/' in html
    assert 'content="https://secon.example.org/pl/accessibility/"' in html
    feed = Client().get("/pl/news/feed.rss").content.decode()
    assert "<link>https://secon.example.org/pl/news/</link>" in feed

"""Files served at the site root: robots.txt, the favicon and the sitemap with hreflang alternates."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_names_the_sitemap(
    client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://secon.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /manage/" in text
    assert "Sitemap: https://secon.example.org/sitemap.xml" in text


def test_sitemap_lists_pages_and_partners_in_both_languages_with_alternates(
    client: Any, world: Any, settings: Any
) -> None:
    # Addresses come from SITE_URL, never from the Host header the request happened to carry.
    settings.SITE_URL = "https://secon.example.org"
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    for path in ["/", "/partners/", "/partners/mazovia/", "/accessibility/", "/privacy/"]:
        assert f"<loc>https://secon.example.org/pl{path}</loc>" in xml, path
        assert f"<loc>https://secon.example.org/en{path}</loc>" in xml, path
    assert 'hreflang="en" href="https://secon.example.org/en/partners/mazovia/"' in xml
    assert 'hreflang="pl" href="https://secon.example.org/pl/partners/mazovia/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_registry_can_be_extended_by_other_apps() -> None:
    from django.contrib.sitemaps import Sitemap

    from secon.public.sitemaps import sitemaps

    assert all(issubclass(section, Sitemap) for section in sitemaps.values())
    assert {"pages", "partners"} <= set(sitemaps)


def test_favicon_ico_leads_browsers_to_the_sites_icon(client: Any) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert finders.find("favicon.svg") is not None


@pytest.mark.parametrize("address", ["/pl/", "/en/partners/", "/accounts/login/", "/pl/no-such-page/"])
def test_every_page_links_the_icon(client: Any, world: Any, address: str) -> None:
    assert 'rel="icon"' in client.get(address).content.decode()

"""The sections of /sitemap.xml, which apps register, and the base class they share.

Every app that has public pages adds its own section, e.g. in its AppConfig.ready():

    from secon.core.sitemaps import register_sitemap
    register_sitemap("news", NewsSitemap)

Each section should set `i18n = True` and `alternates = True` like PublicSitemap, unless its pages
exist in one language only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap

from secon.core.siteurl import site_domain, site_scheme

# The one registry served at /sitemap.xml (secon/public/urls.py), by section name.
sitemaps: dict[str, type[Sitemap[Any]]] = {}


def register_sitemap(name: str, section: type[Sitemap[Any]]) -> None:
    sitemaps[name] = section


class PublicSitemap(Sitemap[Any]):
    """Every page listed once per language (/pl/…, /en/…), each pointing at its other language versions."""

    i18n = True
    alternates = True
    x_default = True

    # The site's own address (SITE_URL), not the Host header of whoever asked first: the sitemap is cached.
    def get_domain(self, site: Any = None) -> str:
        return site_domain()

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()

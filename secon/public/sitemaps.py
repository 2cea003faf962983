"""Sitemaps of the public site, in both languages with hreflang alternates.

`sitemaps` is the one registry served at /sitemap.xml. Another app adds its own section by putting a
Sitemap class into it before the first request, e.g. in its AppConfig.ready():

    from secon.public.sitemaps import sitemaps
    sitemaps["news"] = NewsSitemap

Each section should set `i18n = True` and `alternates = True` like the ones here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from secon.core.siteurl import site_domain, site_scheme
from secon.projects.current import current_project
from secon.projects.models import Partner


class PublicSitemap(Sitemap):
    """Every page listed once per language (/pl/…, /en/…), each pointing at its other language versions."""

    i18n = True
    alternates = True
    x_default = True

    # The site's own address (SITE_URL), not the Host header of whoever asked first: the sitemap is cached.
    def get_domain(self, site: Any = None) -> str:
        return site_domain()

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()


class StaticPagesSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["public:home", "public:partner_list", "public:accessibility", "public:privacy"]

    def location(self, item: str) -> str:
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "public:home" else 0.5


class PartnerSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Partner]:
        project = current_project()
        if project is None:
            return Partner.objects.none()
        return Partner.objects.filter(project=project).in_order()

    def location(self, item: Partner) -> str:
        return reverse("public:partner_detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Partner) -> dt.datetime:
        return item.updated_at


sitemaps: dict[str, Any] = {
    "pages": StaticPagesSitemap,
    "partners": PartnerSitemap,
}

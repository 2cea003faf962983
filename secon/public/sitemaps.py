"""The public site's own sections of /sitemap.xml (the registry and the base class are in core)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse

from secon.core.sitemaps import PublicSitemap, register_sitemap, sitemaps
from secon.projects.current import current_project
from secon.projects.models import Partner


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


register_sitemap("pages", StaticPagesSitemap)
register_sitemap("partners", PartnerSitemap)

__all__ = ["PartnerSitemap", "PublicSitemap", "StaticPagesSitemap", "sitemaps"]

"""The news section of /sitemap.xml: every published language version at its own address."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from secon.core.sitemaps import PublicSitemap
from secon.news.models import NewsTranslation, NewsTranslationQuerySet
from secon.news.selectors import public_news


class NewsSitemap(PublicSitemap):
    # Each language version has its own address and may exist in one language only, so the section
    # lists versions directly instead of repeating every item in every language.
    i18n = False
    alternates = False
    x_default = False
    changefreq = "monthly"

    def items(self) -> list[NewsTranslation]:
        versions: list[NewsTranslation] = []
        for language, _name in settings.LANGUAGES:
            queryset: NewsTranslationQuerySet = public_news(language, archived=None)
            versions.extend(queryset)
        return versions

    def location(self, item: NewsTranslation) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: NewsTranslation) -> dt.datetime:
        return item.updated_at

    def priority(self, item: NewsTranslation) -> float:
        return 0.3 if item.item.is_archival else 0.6

"""The events section of /sitemap.xml: every public event, in both languages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from secon.core.sitemaps import PublicSitemap
from secon.events.models import Event


class EventSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> list[Event]:
        return list(Event.objects.public().order_by("-starts_at", "-pk"))

    def location(self, item: Event) -> str:
        return reverse("public:event_detail", kwargs={"pk": item.pk})

    def lastmod(self, item: Event) -> dt.datetime:
        return item.updated_at

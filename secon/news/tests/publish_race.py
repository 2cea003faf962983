"""Scenario for secon.core.tests.race: the "Publish" confirmation sent five times at once (a double click
on a slow connection, several tabs)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.core.tests.race import in_parallel
from secon.news.models import NewsTranslation
from secon.news.tests.builders import make_news
from secon.tests.factories import make_partner, make_user


def double_click() -> dict[str, Any]:
    partner = make_partner(slug="race", name="Race")
    staff = make_user(partner=partner)
    item = make_news(partner, {"pl": {"status": "ready"}, "en": {"status": "ready"}})
    url = reverse("manage:news_publish_ready", args=[item.pk])

    def post(_: int) -> int:
        client = Client()
        client.force_login(staff)
        return client.post(url, {"published_at": "2026-01-05T10:00"}).status_code

    statuses = in_parallel(5, post)
    return {
        "statuses": sorted(s for s in statuses if isinstance(s, int)),
        "errors": [repr(s) for s in statuses if not isinstance(s, int)],
        "published": sorted(
            NewsTranslation.objects.filter(item=item, status="published").values_list("language", flat=True)
        ),
        "events": AuditEvent.objects.filter(
            code="news.translation.published", object_id=str(item.pk)
        ).count(),
    }

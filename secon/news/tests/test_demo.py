"""The demo news loads, twice without duplicates, with the seed article in both languages."""

from __future__ import annotations

import io
from typing import Any

import pytest

from secon.news import demo as news_demo
from secon.news.models import NewsItem, NewsTranslation
from secon.news.selectors import public_news
from secon.projects import demo as projects_demo

pytestmark = pytest.mark.django_db


def test_the_demo_news_loads_idempotently_with_the_seed_article(client: Any) -> None:
    out = io.StringIO()
    projects_demo.load(out)
    news_demo.load(out)
    counts = (NewsItem.objects.count(), NewsTranslation.objects.count())
    news_demo.load(out)
    assert (NewsItem.objects.count(), NewsTranslation.objects.count()) == counts

    third = NewsItem.objects.get(slug="rgi-3-2024-02-23")
    pl = third.translations.get(language="pl")
    en = third.translations.get(language="en")
    assert "Aleksandra Szwed" in pl.body and "Aleksandra Szwed" in en.body
    assert "Zbijowie Małym" in pl.body and "Zbijów Mały" in en.body
    assert pl.status == en.status == "published"
    assert third.is_archival  # February 2024 is more than two years before the demo's "now"

    assert public_news("pl", archived=None).count() == 6
    english = {v.item.slug for v in public_news("en", archived=None)}
    assert "study-visit" in english
    assert not public_news("pl", archived=None).filter(item__slug="study-visit").exists()
    assert not NewsTranslation.objects.published().filter(item__slug="faza-monitorowania-2026").exists()
    assert client.get(pl.get_absolute_url()).status_code == 200

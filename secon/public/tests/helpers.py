"""Builders the public-site tests share: published news and public work-plan items."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from secon.news.models import NewsItem, NewsTranslation, TranslationStatus, make_slug
from secon.projects.calendar import semester_on
from secon.projects.models import Partner, Project, WorkItem
from secon.tests.factories import make_work_item

_sequence = itertools.count(1)


def make_published_news(
    partner: Partner, *, title: str, language: str = "pl", days_ago: int = 1, **fields: Any
) -> NewsTranslation:
    published = timezone.now() - dt.timedelta(days=days_ago)
    item = NewsItem.objects.create(
        partner=partner, slug=f"news-{next(_sequence)}", first_published_at=published
    )
    defaults: dict[str, Any] = {
        "item": item,
        "language": language,
        "title": title,
        "slug": make_slug(title),
        "lead": f"Lead of {title}",
        "body": "Body.",
        "status": TranslationStatus.PUBLISHED,
        "published_at": published,
    }
    defaults.update(fields)
    return NewsTranslation.objects.create(**defaults)


def current_semester_number(project: Project) -> int:
    semester = semester_on(project, timezone.localdate())
    assert semester is not None, "the test project must be running today"
    return semester.number


def make_key_task(partner: Partner, *, title: str, title_en: str = "", public: bool = True) -> WorkItem:
    return make_work_item(
        partner,
        title=title,
        title_en=title_en,
        semester=current_semester_number(partner.project),
        due_date=timezone.localdate() + dt.timedelta(days=30),
        is_public=public,
    )

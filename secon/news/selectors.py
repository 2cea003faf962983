"""Read-only queries of published news for other apps (the home page) and the public views.

Contract: each returned object is a published `NewsTranslation` offering `.title`, `.lead`,
`.published_at`, `.get_absolute_url()`, `.item.partner` and `.item.is_archival`, and a list of them
costs one query (item and partner are joined).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from secon.news.models import NewsTranslation, NewsTranslationQuerySet

if TYPE_CHECKING:
    from secon.projects.models import Partner


def public_news(
    language: str,
    *,
    partner: Partner | None = None,
    archived: bool | None = False,
    now: dt.datetime | None = None,
) -> NewsTranslationQuerySet:
    """Versions in `language` visitors may read, newest first.

    `archived=False` gives the current news, `True` the archive (older than NEWS_ARCHIVE_AFTER_DAYS),
    `None` both.
    """
    now = now or timezone.now()
    versions = (
        NewsTranslation.objects.published(now)
        .in_language(language)
        .select_related("item", "item__partner")
        .order_by("-published_at", "-id")
    )
    if partner is not None:
        versions = versions.filter(item__partner=partner)
    if archived is True:
        versions = versions.archived(now)
    elif archived is False:
        versions = versions.current(now)
    return versions


def latest_news(language: str, limit: int = 3) -> list[NewsTranslation]:
    """The newest current (non-archival) news for the home page."""
    return list(public_news(language)[:limit])


def published_during(partner: Partner | None, start: dt.date, end: dt.date) -> list[NewsTranslation]:
    """The partner's language versions published between two dates (the dashboard's last semester).

    `partner=None` means every partner's (the dashboard of all partners).
    """
    versions = NewsTranslation.objects.published().filter(
        published_at__date__gte=start, published_at__date__lte=end
    )
    if partner is not None:
        versions = versions.filter(item__partner=partner)
    return list(versions.select_related("item").order_by("published_at", "language"))

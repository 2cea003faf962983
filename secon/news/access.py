"""The only way a view gets news objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.news.models import NewsAttachment, NewsItem, NewsTranslation

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_news_item_for_user(user: User, pk: int | str, *, write: bool = False) -> NewsItem:
    """Partner staff reach their partner's items; the Lead Partner and admins see all (edit: own/admin)."""
    item = (
        NewsItem.objects.select_related("partner", "created_by")
        .prefetch_related("translations")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return check_partner_access(user, item, write=write)


def get_translation_for_user(
    user: User, pk: int | str, language: str, *, write: bool = False
) -> NewsTranslation:
    item = get_news_item_for_user(user, pk, write=write)
    version = next((v for v in item.translations.all() if v.language == language), None)
    if version is None:
        raise Http404
    version.item = item  # the checked item, with its partner and versions already loaded
    return version


def get_attachment_for_user(
    user: User, pk: int | str, attachment_pk: int | str, *, write: bool = False
) -> NewsAttachment:
    item = get_news_item_for_user(user, pk, write=write)
    attachment = NewsAttachment.objects.filter(item=item, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.item = item
    return attachment


register_access(NewsItem, get_news_item_for_user)

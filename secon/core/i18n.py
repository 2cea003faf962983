"""Language helpers shared by every app: the interface language now, and paired-field lookups."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def current_language() -> str:
    """The active interface language as a bare code ("pl", "en"), whatever region suffix it carries."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_english() -> bool:
    return current_language() == "en"


def localized(obj: object, field: str) -> str:
    """The English variant of a paired field (`name`/`name_en`) in English, else the local one."""
    value: str
    if is_english():
        value = getattr(obj, f"{field}_en", "") or getattr(obj, field)
    else:
        value = getattr(obj, field) or getattr(obj, f"{field}_en", "")
    return value

"""`{% menu_badge "name" as n %}`: a registered back-office count (core/menu.py), once per request."""

from __future__ import annotations

from typing import Any

from django import template

from secon.core.menu import badge_count

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_badge(context: Any, name: str) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not getattr(user, "in_back_office", False):
        return 0
    # A page may show the menu twice (or a partial may ask again): one query per count and request.
    counts: dict[str, int] = request.__dict__.setdefault("_menu_badges", {})
    if name not in counts:
        counts[name] = badge_count(name, user)
    return counts[name]

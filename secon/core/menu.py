"""Counts beside back-office menu links (what waits for the user), registered by the apps that own them.

Core draws the menu but knows no domain app: an app registers a count in its AppConfig.ready(), e.g.

    register_partner_badge("join_requests", lambda: JoinRequest.objects.awaiting_review())

and the menu template asks `{% menu_badge "join_requests" as waiting %}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models

from secon.core.access import scope_to_user

if TYPE_CHECKING:
    from secon.accounts.models import User

BadgeCount = Callable[["User"], int]

_badges: dict[str, BadgeCount] = {}


def register_badge(name: str, count: BadgeCount) -> None:
    _badges[name] = count


def register_partner_badge(name: str, waiting: Callable[[], models.QuerySet[Any]]) -> None:
    """A count of partner-owned rows waiting for staff: each partner's staff count their own partner's,
    the Lead Partner and admins every partner's (the same isolation as the lists)."""
    register_badge(name, lambda user: scope_to_user(waiting(), user).count())


def badge_count(name: str, user: User) -> int:
    """The count for `name`; 0 when no app registered it (an app not installed shows no badge)."""
    count = _badges.get(name)
    return count(user) if count is not None else 0

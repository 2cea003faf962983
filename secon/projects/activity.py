"""What the apps above projects published during a semester, for the dashboard's "last semester".

Projects sits below news (and meetings, practices, studies to come), so it cannot ask them directly:
each app registers what it has to show in its AppConfig.ready(), e.g.

    register_semester_activity("news", published_during)

and the dashboard gets `previous_<name>` for each, in the order the apps were registered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secon.projects.models import Partner

# partner (None: every partner's), first day, last day -> the records to list.
Provider = Callable[["Partner | None", dt.date, dt.date], Sequence[Any]]

_providers: dict[str, Provider] = {}


def register_semester_activity(name: str, provider: Provider) -> None:
    _providers[name] = provider


def semester_activity(partner: Partner | None, start: dt.date, end: dt.date) -> dict[str, Sequence[Any]]:
    """Each registered app's records of the partner between two dates, keyed by the app's name."""
    return {name: provider(partner, start, end) for name, provider in _providers.items()}

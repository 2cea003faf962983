"""Builders for the minutes tests: a held meeting, its minutes (draft or approved), an action item."""

from __future__ import annotations

from typing import Any

from secon.events import minutes as service
from secon.events import services
from secon.events.models import ActionItem, Event, EventStatus, Minutes
from secon.events.tests.builders import make_agenda_item, make_event
from secon.projects.models import Partner


def make_held_event(partner: Partner, **fields: Any) -> Event:
    event = make_event(partner, **fields)
    return services.change_status(event, actor=None, status=EventStatus.HELD)


def make_minutes(
    event: Event, *, approved: bool = False, summary: str = "Omówiono postępy projektu."
) -> Minutes:
    """Minutes with a summary in every language (the agenda gets one item if it has none)."""
    if not event.agenda_items.exists():
        make_agenda_item(event, title="Otwarcie", title_en="Opening")
    minutes = service.start_minutes(event, actor=None)
    for text in minutes.texts.all():
        items = {entry.pk: (f"{summary} ({text.language})", "Przyjęto plan.") for entry in text.items.all()}
        service.save_minutes_text(minutes, actor=None, language=text.language, summary=summary, items=items)
    if approved:
        minutes = service.approve_minutes(minutes, actor=None)
    return minutes


def make_action_item(event: Event, **fields: Any) -> ActionItem:
    values: dict[str, Any] = {"text": "Przygotować ankietę", "text_en": "Prepare the survey"}
    values.update(fields)
    return service.add_action_item(event, actor=None, **values)

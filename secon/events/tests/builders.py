"""Builders for the events tests: an RSG meeting of a partner, with sensible defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from secon.events import services
from secon.events.models import Event, EventType
from secon.projects.models import Partner


def at(day: str, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment in Warsaw time: at("2024-02-23", 10)."""
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute))


def make_event(partner: Partner, *, type_code: str = EventType.RSG_MEETING, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "title": "Posiedzenie Regionalnej Grupy Interesariuszy",
        "title_en": "Regional Stakeholder Group meeting",
        "starts_at": at("2024-02-23", 10),
        "ends_at": at("2024-02-23", 13),
        "venue_name": "Urząd Marszałkowski Województwa Mazowieckiego",
        "venue_address": "ul. Jagiellońska 26, Warszawa",
    }
    values.update(fields)
    return services.create_event(
        partner, actor=values.pop("actor", None), type=EventType.objects.get(code=type_code), **values
    )

"""Builders for the events tests: an RSG meeting of a partner, with sensible defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from secon.events import services
from secon.events.models import (
    AgendaAttachment,
    AgendaItem,
    AgendaItemKind,
    AgendaPresenter,
    Event,
    EventType,
)
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


def pdf_upload(name: str = "slides.pdf") -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, "application/pdf")


def make_agenda_item(event: Event, **fields: Any) -> AgendaItem:
    values: dict[str, Any] = {"kind": AgendaItemKind.GOOD_PRACTICE, "title": "Prezentacja dobrej praktyki"}
    values.update(fields)
    return services.add_agenda_item(event, actor=None, **values)


def make_presenter(item: AgendaItem, **fields: Any) -> AgendaPresenter:
    from secon.tests.factories import make_person

    person = fields.pop("person", None) or make_person(item.event.partner)
    return services.add_presenter(item, actor=None, person=person, **fields)


def make_attachment(item: AgendaItem) -> AgendaAttachment:
    return services.add_attachment(item, actor=None, file=pdf_upload(), title="Slajdy")

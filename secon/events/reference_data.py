"""The kinds of gathering shipped with the platform (configuration rows: names editable in the admin)."""

from __future__ import annotations

from typing import Any

# code, Polish name, English name, numbered per partner
EVENT_TYPES = [
    (
        "rsg_meeting",
        "Posiedzenie Regionalnej Grupy Interesariuszy",
        "Regional Stakeholder Group meeting",
        True,
    ),
    ("seminar", "Seminarium tematyczne", "Thematic seminar", False),
    ("interregional", "Wydarzenie międzyregionalne", "Interregional event", False),
    ("study_visit", "Wizyta studyjna", "Study visit", False),
    ("partner_meeting", "Spotkanie partnerów", "Partner meeting", False),
    ("other", "Inne wydarzenie", "Other event", False),
]


def load_event_types(event_type_model: Any = None) -> None:
    """Add the shipped types that are missing; a type renamed by an administrator keeps its names.

    Called by the data migration (with the historical model) and by the demo, since a flushed test
    database lacks what migrations wrote.
    """
    if event_type_model is None:
        from secon.events.models import EventType as event_type_model
    for order, (code, name, name_en, numbered) in enumerate(EVENT_TYPES, start=1):
        event_type_model.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_numbered": numbered, "order": order}
        )

# The kinds of gathering the project holds, as configuration rows (names editable in the admin).
from typing import Any

from django.db import migrations

# code, Polish name, English name, numbered per partner
EVENT_TYPES = [
    ("rsg_meeting", "Posiedzenie Regionalnej Grupy Interesariuszy", "Regional Stakeholder Group meeting", True),
    ("seminar", "Seminarium tematyczne", "Thematic seminar", False),
    ("interregional", "Wydarzenie międzyregionalne", "Interregional event", False),
    ("study_visit", "Wizyta studyjna", "Study visit", False),
    ("partner_meeting", "Spotkanie partnerów", "Partner meeting", False),
    ("other", "Inne wydarzenie", "Other event", False),
]


def add_types(apps: Any, schema_editor: Any) -> None:
    EventType = apps.get_model("events", "EventType")
    for order, (code, name, name_en, numbered) in enumerate(EVENT_TYPES, start=1):
        # An installation that already renamed a type keeps its names.
        EventType.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_numbered": numbered, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_events_and_agenda")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]

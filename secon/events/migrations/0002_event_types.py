# The kinds of gathering the project holds, as configuration rows (names editable in the admin).
from typing import Any

from django.db import migrations


def add_types(apps: Any, schema_editor: Any) -> None:
    from secon.events.reference_data import load_event_types

    load_event_types(apps.get_model("events", "EventType"))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_events_and_agenda")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]

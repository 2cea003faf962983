# Reserved for invitations and RSVP; filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0002_event_types")]

    operations: list[migrations.operations.base.Operation] = []

# Reserved for minutes and action items; filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0003_invitations_and_rsvp")]

    operations: list[migrations.operations.base.Operation] = []

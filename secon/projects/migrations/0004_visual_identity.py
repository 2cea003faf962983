# Reserved for the programme's visual identity (project, programme and partner logos); filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_partner_short_names")]

    operations: list[migrations.operations.base.Operation] = []

# Reserved for the partners' short names per language; filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_workitem_is_public")]

    operations: list[migrations.operations.base.Operation] = []

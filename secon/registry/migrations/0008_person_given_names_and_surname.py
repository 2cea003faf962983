# Reserved for the people's names change (given names and surname); filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_name_order_sort_keys")]

    operations: list[migrations.operations.base.Operation] = []

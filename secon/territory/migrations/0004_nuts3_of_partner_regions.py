"""Ship the NUTS-3 regions of every partner's NUTS-2 region (NUTS 2021), which local units point at."""

from django.db import migrations


def load(apps, schema_editor):
    from secon.territory.services import load_reference_data

    load_reference_data(
        nuts_model=apps.get_model("territory", "NutsRegion"),
        unit_model=apps.get_model("territory", "TerritorialUnit"),
    )


class Migration(migrations.Migration):
    dependencies = [("territory", "0003_local_administrative_units")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Ship the NUTS regions SECON needs and Mazowieckie's 42 powiats with their NUTS-3 subregions."""

from django.db import migrations


def load(apps, schema_editor):
    from secon.territory.services import load_reference_data

    load_reference_data(
        nuts_model=apps.get_model("territory", "NutsRegion"),
        unit_model=apps.get_model("territory", "TerritorialUnit"),
    )


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

# A postal code's form is its country's (countries/postal.py), no longer Poland's for every partner.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_country_profiles")]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="postal_code",
            field=models.CharField(blank=True, max_length=10, verbose_name="postal code"),
        ),
    ]

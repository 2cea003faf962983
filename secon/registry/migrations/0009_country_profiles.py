# Reserved for the country profiles (identifiers, legal forms, statuses per country); filled in by that work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_person_given_names_and_surname")]

    operations: list[migrations.operations.base.Operation] = []

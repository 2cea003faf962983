# Country profiles: legal forms and statuses per country, organisations' identifiers by scheme.
import django.db.models.deletion
from django.db import migrations, models

POLISH_SCHEMES = ("krs", "nip", "regon")


def forward(apps, schema_editor):
    from secon.registry.reference_data import load_country_reference_data

    load_country_reference_data(apps)
    organisation = apps.get_model("registry", "Organisation")
    identifier = apps.get_model("registry", "OrganisationIdentifier")
    scheme = apps.get_model("countries", "IdentifierScheme")
    schemes = {s.code: s for s in scheme.objects.filter(code__in=POLISH_SCHEMES)}
    batch = []
    rows = organisation.objects.exclude(krs="", nip="", regon="").values_list("pk", *POLISH_SCHEMES)
    for pk, *values in rows.iterator(chunk_size=2000):
        for code, value in zip(POLISH_SCHEMES, values):
            if value:
                batch.append(identifier(organisation_id=pk, scheme=schemes[code], value=value))
        if len(batch) >= 2000:
            identifier.objects.bulk_create(batch)
            batch = []
    identifier.objects.bulk_create(batch)


def backward(apps, schema_editor):
    organisation = apps.get_model("registry", "Organisation")
    identifier = apps.get_model("registry", "OrganisationIdentifier")
    values: dict[int, dict[str, str]] = {}
    for pk, code, value in identifier.objects.filter(scheme__code__in=POLISH_SCHEMES).values_list(
        "organisation_id", "scheme__code", "value"
    ):
        values.setdefault(pk, {})[code] = value
    changed = []
    for record in organisation.objects.filter(pk__in=values):
        for code, value in values[record.pk].items():
            setattr(record, code, value)
        changed.append(record)
    organisation.objects.bulk_update(changed, POLISH_SCHEMES, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0001_initial"),
        ("registry", "0008_person_given_names_and_surname"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisationtype",
            name="country",
            field=models.ForeignKey(blank=True, help_text="Empty for a kind found in every country (a public authority, a business).", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="countries.country", verbose_name="country"),
        ),
        migrations.AddField(
            model_name="organisationtype",
            name="source",
            field=models.CharField(blank=True, help_text="The law or practice that defines it.", max_length=300, verbose_name="source"),
        ),
        migrations.AlterField(
            model_name="organisationtype",
            name="name",
            field=models.CharField(help_text="In the country's language; in Polish when it has no country.", max_length=150, verbose_name="name"),
        ),
        migrations.CreateModel(
            name="StatusType",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=30, unique=True, verbose_name="code")),
                ("name", models.CharField(help_text="In the country's language.", max_length=200, verbose_name="name")),
                ("name_en", models.CharField(max_length=200, verbose_name="name (English)")),
                ("source", models.CharField(blank=True, help_text="The law or practice that defines it.", max_length=300, verbose_name="source")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("country", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="countries.country", verbose_name="country")),
            ],
            options={
                "verbose_name": "status type",
                "verbose_name_plural": "status types",
                "ordering": ["order", "name"],
            },
        ),
        migrations.CreateModel(
            name="OrganisationIdentifier",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.CharField(max_length=60, verbose_name="number")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="identifiers", to="registry.organisation")),
                ("scheme", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="countries.identifierscheme", verbose_name="identifier")),
            ],
            options={
                "verbose_name": "organisation identifier",
                "verbose_name_plural": "organisation identifiers",
                "ordering": ["scheme__order"],
                "indexes": [models.Index(fields=["scheme", "value"], name="org_ident_scheme_value_idx")],
                "constraints": [models.UniqueConstraint(fields=("organisation", "scheme"), name="org_ident_one_per_scheme")],
            },
        ),
        # The legal forms and statuses first: the status column becomes a key into them.
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="organisationstatus",
            name="kind",
            field=models.ForeignKey(db_column="kind", on_delete=django.db.models.deletion.PROTECT, related_name="+", to="registry.statustype", to_field="code", verbose_name="status"),
        ),
        migrations.RemoveField(model_name="organisation", name="krs"),
        migrations.RemoveField(model_name="organisation", name="nip"),
        migrations.RemoveField(model_name="organisation", name="regon"),
    ]

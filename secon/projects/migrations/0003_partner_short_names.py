# Partners get a short name in each interface language (Polish and English) instead of one in either.
from typing import Any

from django.db import migrations, models

# The demo's ten partners as a Polish official and the project's English documents call them, keyed by
# slug, with the one short name they had before (only that value, or the English one, is replaced: an
# edited one is kept).
SHORT_NAMES = {
    "peloponnese": ("Peloponnese", "Peloponez", "Peloponnese"),
    "rhein-neckar": ("Rhein-Neckar", "Ren-Neckar", "Rhein-Neckar"),
    "flemish-brabant": ("Flemish Brabant", "Brabancja Flamandzka", "Flemish Brabant"),
    "harghita": ("Harghita", "Harghita", "Harghita"),
    "mazovia": ("Mazowsze", "Mazowsze", "Mazovia"),
    "oliveira-de-azemeis": ("Oliveira de Azeméis", "Oliveira de Azeméis", "Oliveira de Azeméis"),
    "riga": ("Riga", "Ryga", "Riga"),
    "extremadura": ("Extremadura", "Estremadura", "Extremadura"),
    "haskovo": ("Haskovo", "Chaskowo", "Haskovo"),
    "kmop": ("KMOP", "KMOP", "KMOP"),
}


def split_short_names(apps: Any, schema_editor: Any) -> None:
    Partner = apps.get_model("projects", "Partner")
    for partner in Partner.objects.all():
        # The old single short name now sits in short_name_en (renamed field).
        old = partner.short_name_en
        known = SHORT_NAMES.get(partner.slug)
        if known is not None and old in ("", known[0], known[2]):
            partner.short_name_pl, partner.short_name_en = known[1], known[2]
        elif partner.language == "pl":
            # A Polish partner's one short name was Polish.
            partner.short_name_pl, partner.short_name_en = old, ""
        else:
            continue
        partner.save(update_fields=["short_name_pl", "short_name_en"])


def join_short_names(apps: Any, schema_editor: Any) -> None:
    Partner = apps.get_model("projects", "Partner")
    for partner in Partner.objects.all():
        # The one short name of before must not be empty: in the partner's language when it is Polish,
        # else in English, the project's language (so going back and forth again changes nothing).
        first, second = partner.short_name_en, partner.short_name_pl
        if partner.language == "pl":
            first, second = second, first
        partner.short_name_en = (first or second or partner.name)[:80]
        partner.save(update_fields=["short_name_en"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_workitem_is_public")]

    operations = [
        migrations.RenameField(model_name="partner", old_name="short_name", new_name="short_name_en"),
        migrations.AlterField(
            model_name="partner",
            name="short_name_en",
            field=models.CharField(
                blank=True,
                help_text="E.g. “Mazovia”. If empty, English pages show the Polish one.",
                max_length=80,
                verbose_name="short name (English)",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="short_name_pl",
            field=models.CharField(
                blank=True,
                help_text="E.g. “Mazowsze”. If empty, Polish pages show the English one.",
                max_length=80,
                verbose_name="short name (Polish)",
            ),
        ),
        migrations.RunPython(split_short_names, join_short_names),
    ]

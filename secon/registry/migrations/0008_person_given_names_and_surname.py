"""A person's name is given name(s) and surname, so lists sort by surname; titles may take a feminine form.

Every existing full name is split here, in batches: the last word is the surname, the rest the given
names ("Anna Maria Nowak" → "Anna Maria" + "Nowak"). The shown name (`full_name`) stays a column,
rewritten from the two parts, and the sort key becomes surname first. Going back keeps the shown name
and keys the list by it again, as before. The new list indexes are built after the keys are written.
"""

from typing import Any

from django.db import migrations, models

from secon.core.collation import stored_sort_key

BATCH = 2000


def _people(apps: Any, schema_editor: Any) -> tuple[Any, str, dict[int, str]]:
    using = schema_editor.connection.alias
    languages = dict(apps.get_model("projects", "Partner").objects.using(using).values_list("pk", "language"))
    return apps.get_model("registry", "Person"), using, languages


def _rewrite(apps: Any, schema_editor: Any, fields: list[str], change: Any) -> None:
    person_model, using, languages = _people(apps, schema_editor)
    rows = person_model.objects.using(using).only("pk", "partner_id", *fields).order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        change(row, languages.get(row.partner_id))
        batch.append(row)
        if len(batch) == BATCH:
            person_model.objects.using(using).bulk_update(batch, fields)
            batch = []
    person_model.objects.using(using).bulk_update(batch, fields)


def split_names(apps: Any, schema_editor: Any) -> None:
    def change(row: Any, language: str | None) -> None:
        words = row.full_name.split()
        row.given_names = " ".join(words[:-1])
        row.surname = words[-1] if words else ""
        row.full_name = " ".join(words)
        # As Person.refresh_search_text: surname, a tab (below every character of a name), given names.
        row.name_order = stored_sort_key(f"{row.surname}\t{row.given_names}", language)

    _rewrite(apps, schema_editor, ["given_names", "surname", "full_name", "name_order"], change)


def split_join_request_names(apps: Any, schema_editor: Any) -> None:
    request_model = apps.get_model("registry", "JoinRequest")
    using = schema_editor.connection.alias
    batch = []
    for row in request_model.objects.using(using).only("pk", "full_name").order_by("pk").iterator(BATCH):
        words = row.full_name.split()
        row.given_names, row.surname = " ".join(words[:-1]), (words[-1] if words else "")
        batch.append(row)
    request_model.objects.using(using).bulk_update(batch, ["given_names", "surname"], batch_size=BATCH)


def key_by_full_name(apps: Any, schema_editor: Any) -> None:
    def change(row: Any, language: str | None) -> None:
        row.name_order = stored_sort_key(row.full_name, language)

    _rewrite(apps, schema_editor, ["full_name", "name_order"], change)


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_name_order_sort_keys")]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name_order", "pk"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddField(
            model_name="person",
            name="given_names",
            field=models.CharField(blank=True, max_length=200, verbose_name="given name(s)"),
        ),
        migrations.AddField(
            model_name="person",
            name="surname",
            field=models.CharField(default="", max_length=200, verbose_name="surname"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person",
            name="title_form",
            field=models.CharField(
                blank=True,
                choices=[("feminine", "Feminine"), ("masculine", "Masculine")],
                help_text=(
                    "How titles the platform writes address this person, e.g. in Polish "
                    "“Przewodnicząca” or “Przewodniczący”. Leave empty if not stated."
                ),
                max_length=10,
                verbose_name="form of titles",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="full_name",
            field=models.CharField(default="", editable=False, max_length=401, verbose_name="full name"),
        ),
        migrations.AddField(
            model_name="joinrequest",
            name="given_names",
            field=models.CharField(blank=True, max_length=200, verbose_name="given name(s)"),
        ),
        migrations.AddField(
            model_name="joinrequest",
            name="surname",
            field=models.CharField(blank=True, max_length=200, verbose_name="surname"),
        ),
        migrations.AlterField(
            model_name="joinrequest",
            name="full_name",
            field=models.CharField(max_length=401, verbose_name="full name"),
        ),
        migrations.RunPython(split_names, key_by_full_name, elidable=True),
        migrations.RunPython(split_join_request_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["partner", "updated_at", "id"], name="person_partner_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["partner", "created_at", "id"], name="person_partner_created_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["partner", "email", "id"], name="person_partner_email_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["partner", "anonymised_at", "search_text"], name="person_partner_active_idx"
            ),
        ),
    ]

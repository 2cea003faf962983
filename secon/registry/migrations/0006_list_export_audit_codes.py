"""List exports were audited as `registry.people.exported` / `registry.organisations.exported`; the
record of such an event is the list, named in the singular like every other code."""

from django.db import migrations

RENAMED = {
    "registry.people.exported": "registry.person_list.exported",
    "registry.organisations.exported": "registry.organisation_list.exported",
}


def rename(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        AuditEvent.objects.filter(code=old).update(code=new)


def rename_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        AuditEvent.objects.filter(code=new).update(code=old)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_import_batch_tasks_heartbeat_and_file_retention"),
        ("core", "0004_audit_codes_snake_case"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
